#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A recorder of desktop notifications, for the window tests.

GLib's GNotification sends an application's notifications to
org.gtk.Notifications when that name has an owner on the session bus (GNOME
Shell owns it; the real Shell cannot run under Xvfb here). This program owns
it on the tests' private session bus and records each call as one JSON line
in the file named by its argument:

  {"method": "AddNotification", "sender": ":1.7", "app_id": "…", "id": "paid-12",
   "notification": {"title": "…", "body": "…", "default-action": "app.show-order",
                    "default-action-target": 12, …}}
  {"method": "RemoveNotification", "sender": ":1.7", "app_id": "…", "id": "paid-12"}

"sender" is the application's unique bus name: where the Shell would call
org.freedesktop.Application.ActivateAction to run a notification's action
(the Shell uses the application id's well-known name; a `dingdan --sandbox`
is non-unique and exports its actions on its unique name only).

Prints "ready" on standard output once it owns the name; runs until killed.
"""

import json
import sys

import gi

gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

INTERFACE = """
<node>
  <interface name="org.gtk.Notifications">
    <method name="AddNotification">
      <arg type="s" name="app_id" direction="in"/>
      <arg type="s" name="id" direction="in"/>
      <arg type="a{sv}" name="notification" direction="in"/>
    </method>
    <method name="RemoveNotification">
      <arg type="s" name="app_id" direction="in"/>
      <arg type="s" name="id" direction="in"/>
    </method>
  </interface>
</node>
"""


def main():
    if len(sys.argv) != 2:
        print("usage: notification-server.py LOG-FILE", file=sys.stderr)
        return 2

    log = open(sys.argv[1], "a", encoding="utf-8")
    loop = GLib.MainLoop()
    node = Gio.DBusNodeInfo.new_for_xml(INTERFACE)

    def record(entry):
        log.write(json.dumps(entry, ensure_ascii=False) + "\n")
        log.flush()

    def method_call(connection, sender, path, interface, method, params, invocation):
        args = params.unpack()
        entry = {"method": method, "sender": sender, "app_id": args[0], "id": args[1]}
        if method == "AddNotification":
            entry["notification"] = args[2]
        record(entry)
        invocation.return_value(None)

    def bus_acquired(connection, name):
        connection.register_object("/org/gtk/Notifications", node.interfaces[0],
                                   method_call, None, None)

    def name_acquired(connection, name):
        print("ready", flush=True)

    def name_lost(connection, name):
        print(f"could not own {name}", file=sys.stderr, flush=True)
        loop.quit()

    Gio.bus_own_name(Gio.BusType.SESSION, "org.gtk.Notifications",
                     Gio.BusNameOwnerFlags.DO_NOT_QUEUE,
                     bus_acquired, name_acquired, name_lost)
    loop.run()
    return 1


if __name__ == "__main__":
    sys.exit(main())
