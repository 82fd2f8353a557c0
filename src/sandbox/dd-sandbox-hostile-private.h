/* dd-sandbox-hostile-private.h: hostile strings in the sandbox's replies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "dd-sandbox.h"

G_BEGIN_DECLS

typedef struct _DdSandboxHostile DdSandboxHostile;

/* Picks the hostile orders of @sandbox's shops (and the one 1 MB order of
 * each platform). */
DdSandboxHostile *dd_sandbox_hostile_new     (DdSandbox        *sandbox);
void              dd_sandbox_hostile_free    (DdSandboxHostile *hostile);

/* @data (a serialised reply, taken) rewritten: the displayed fields of every
 * hostile order in it replaced by hostile text; returns the new data and
 * sets @len. Data that does not parse is returned unchanged. */
char             *dd_sandbox_hostile_rewrite (DdSandboxHostile *hostile,
                                              char             *data,
                                              gsize            *len);

G_END_DECLS
