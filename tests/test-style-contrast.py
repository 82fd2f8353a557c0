#!/usr/bin/python3
# test-style-contrast.py: every coloured text Dingdan's CSS draws is legible
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads src/ui/style.css and the variants libadwaita 1.2 loads from the
# app's resource base path on top of it (style-dark.css, style-hc.css,
# style-hc-dark.css; AdwApplication adds each later one after the earlier,
# so later files win), resolves the named colours as libadwaita 1.2.2
# defines them, and computes the WCAG 2 contrast of the text of every
# element our rules colour (its foreground, or its background) against
# the background it sits on: at least 4.5:1 in the light and dark styles,
# 7:1 in high contrast. Then checks that the checker fails on planted
# faults (among them the flag colours Dingdan shipped before).
#
# Usage: test-style-contrast.py SRC_UI_DIR     (prints TAP)

import os
import re
import sys

# ---------------------------------------------------------------------------
# libadwaita 1.2.2's named colours, copied from its sources:
# src/stylesheet/_palette.scss (the palette), and the @define-color lines of
# src/stylesheet/_defaults.scss as compiled into defaults-light.css and
# defaults-dark.css. libadwaita 1.2's high contrast (base-hc.css) changes
# borders and opacities only: it uses the same named colours, light or dark.

PALETTE = {
    'blue_1': '#99c1f1', 'blue_2': '#62a0ea', 'blue_3': '#3584e4',
    'blue_4': '#1c71d8', 'blue_5': '#1a5fb4',
    'green_1': '#8ff0a4', 'green_2': '#57e389', 'green_3': '#33d17a',
    'green_4': '#2ec27e', 'green_5': '#26a269',
    'yellow_1': '#f9f06b', 'yellow_2': '#f8e45c', 'yellow_3': '#f6d32d',
    'yellow_4': '#f5c211', 'yellow_5': '#e5a50a',
    'orange_1': '#ffbe6f', 'orange_2': '#ffa348', 'orange_3': '#ff7800',
    'orange_4': '#e66100', 'orange_5': '#c64600',
    'red_1': '#f66151', 'red_2': '#ed333b', 'red_3': '#e01b24',
    'red_4': '#c01c28', 'red_5': '#a51d2d',
    'purple_1': '#dc8add', 'purple_2': '#c061cb', 'purple_3': '#9141ac',
    'purple_4': '#813d9c', 'purple_5': '#613583',
    'brown_1': '#cdab8f', 'brown_2': '#b5835a', 'brown_3': '#986a44',
    'brown_4': '#865e3c', 'brown_5': '#63452c',
    'light_1': '#ffffff', 'light_2': '#f6f5f4', 'light_3': '#deddda',
    'light_4': '#c0bfbc', 'light_5': '#9a9996',
    'dark_1': '#77767b', 'dark_2': '#5e5c64', 'dark_3': '#3d3846',
    'dark_4': '#241f31', 'dark_5': '#000000',
}

DEFAULTS_LIGHT = {
    'accent_bg_color': '@blue_3', 'accent_fg_color': 'white',
    'accent_color': '@blue_4',
    'destructive_bg_color': '@red_3', 'destructive_fg_color': 'white',
    'destructive_color': '@red_4',
    'success_bg_color': '@green_4', 'success_fg_color': 'white',
    'success_color': '#1b8553',
    'warning_bg_color': '@yellow_5', 'warning_fg_color': 'rgba(0, 0, 0, 0.8)',
    'warning_color': '#9c6e03',
    'error_bg_color': '@red_3', 'error_fg_color': 'white',
    'error_color': '@red_4',
    'window_bg_color': '#fafafa', 'window_fg_color': 'rgba(0, 0, 0, 0.8)',
    'view_bg_color': '#ffffff', 'view_fg_color': 'rgba(0, 0, 0, 0.8)',
    'headerbar_bg_color': '#ebebeb', 'headerbar_fg_color': 'rgba(0, 0, 0, 0.8)',
    'card_bg_color': '#ffffff', 'card_fg_color': 'rgba(0, 0, 0, 0.8)',
    'dialog_bg_color': '#fafafa', 'dialog_fg_color': 'rgba(0, 0, 0, 0.8)',
    'popover_bg_color': '#ffffff', 'popover_fg_color': 'rgba(0, 0, 0, 0.8)',
}

DEFAULTS_DARK = {
    'accent_bg_color': '@blue_3', 'accent_fg_color': 'white',
    'accent_color': '#78aeed',
    'destructive_bg_color': '@red_4', 'destructive_fg_color': 'white',
    'destructive_color': '#ff7b63',
    'success_bg_color': '@green_5', 'success_fg_color': 'white',
    'success_color': '@green_1',
    'warning_bg_color': '#cd9309', 'warning_fg_color': 'rgba(0, 0, 0, 0.8)',
    'warning_color': '@yellow_2',
    'error_bg_color': '@red_4', 'error_fg_color': 'white',
    'error_color': '#ff7b63',
    'window_bg_color': '#242424', 'window_fg_color': 'white',
    'view_bg_color': '#1e1e1e', 'view_fg_color': 'white',
    'headerbar_bg_color': '#303030', 'headerbar_fg_color': 'white',
    'card_bg_color': 'rgba(255, 255, 255, 0.08)', 'card_fg_color': 'white',
    'dialog_bg_color': '#383838', 'dialog_fg_color': 'white',
    'popover_bg_color': '#383838', 'popover_fg_color': 'white',
}

# name: (files on top of one another, named colours, minimum contrast)
VARIANTS = [
    ('light', ['style.css'], DEFAULTS_LIGHT, 4.5),
    ('dark', ['style.css', 'style-dark.css'], DEFAULTS_DARK, 4.5),
    ('hc', ['style.css', 'style-hc.css'], DEFAULTS_LIGHT, 7.0),
    ('hc-dark', ['style.css', 'style-dark.css', 'style-hc.css', 'style-hc-dark.css'],
     DEFAULTS_DARK, 7.0),
]

# ---------------------------------------------------------------------------
# Where our styled elements are drawn. Each element: its own selector
# tokens (type, classes, states), then the places it appears in: the
# ancestors' tokens (outermost first), the backgrounds under it (bottom
# first; "currentColor" there is the ancestor's, so written out), and the
# inherited text colour. Backgrounds of the order table's rows are
# libadwaita 1.2's (_colors.scss: $view_hover_color .07,
# $view_selected_color .1, $view_selected_hover_color .13 of the row's
# currentColor, in widgets/_lists.scss); :active (while the pointer is
# pressed) is left out.

TABLE_ROW = [
    ('row', [{'columnview', '.view'}, {'row', '.activatable'}, {'cell'}],
     ['@view_bg_color'], '@view_fg_color'),
    ('hovered row', [{'columnview', '.view'}, {'row', '.activatable', ':hover'}, {'cell'}],
     ['@view_bg_color', 'alpha(@view_fg_color, 0.07)'], '@view_fg_color'),
    ('selected row', [{'columnview', '.view'}, {'row', '.activatable', ':selected'}, {'cell'}],
     ['@view_bg_color', 'alpha(@view_fg_color, 0.1)'], '@view_fg_color'),
    ('selected hovered row',
     [{'columnview', '.view'}, {'row', '.activatable', ':selected', ':hover'}, {'cell'}],
     ['@view_bg_color', 'alpha(@view_fg_color, 0.13)'], '@view_fg_color'),
]

DETAIL_PANE = [
    ('detail pane', [{'window'}, {'dd-order-detail'}, {'box'}],
     ['@window_bg_color'], '@window_fg_color'),
]

WINDOW = [
    ('window', [{'window'}, {'box'}], ['@window_bg_color'], '@window_fg_color'),
]

ELEMENTS = [
    ('red flag', {'label', '.dd-flag', '.dd-flag-red'}, TABLE_ROW),
    ('yellow flag', {'label', '.dd-flag', '.dd-flag-yellow'}, TABLE_ROW),
    ('green flag', {'label', '.dd-flag', '.dd-flag-green'}, TABLE_ROW),
    ('blue flag', {'label', '.dd-flag', '.dd-flag-blue'}, TABLE_ROW),
    ('purple flag', {'label', '.dd-flag', '.dd-flag-purple'}, TABLE_ROW),
    ('orange flag', {'label', '.dd-flag', '.dd-flag-orange'}, TABLE_ROW),
    ('status badge', {'label', '.dd-badge'}, DETAIL_PANE),
    ('cash on delivery badge', {'label', '.dd-badge', '.dd-cod'}, DETAIL_PANE),
    ('detail pane text', {'dd-order-detail'}, WINDOW),
    ('account notice', {'box', '.dd-notice'}, WINDOW),
]


# ---------------------------------------------------------------------------
# Colours: (r, g, b, a), floats 0..1.

class CssError(Exception):
    pass


def split_args(text):
    args, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c == '(':
            depth += 1
        elif c == ')':
            depth -= 1
        elif c == ',' and depth == 0:
            args.append(text[start:i].strip())
            start = i + 1
    args.append(text[start:].strip())
    return args


def number(text):
    text = text.strip()
    if text.endswith('%'):
        return float(text[:-1]) / 100
    return float(text)


def parse_color(text, named, current=None, seen=()):
    """Evaluates a GTK CSS colour expression."""
    text = text.strip()
    low = text.lower()
    if low == 'currentcolor':
        if current is None:
            raise CssError('currentColor without a colour to refer to')
        return current
    if low == 'white':
        return (1.0, 1.0, 1.0, 1.0)
    if low == 'black':
        return (0.0, 0.0, 0.0, 1.0)
    if low == 'transparent':
        return (0.0, 0.0, 0.0, 0.0)
    if text.startswith('@'):
        name = text[1:]
        if name in seen or name not in named:
            raise CssError('unknown or circular colour @%s' % name)
        return parse_color(named[name], named, current, seen + (name,))
    m = re.fullmatch(r'#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})', text)
    if m:
        h = m.group(1)
        if len(h) == 3:
            h = ''.join(c * 2 for c in h)
        return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)) + (1.0,)
    m = re.fullmatch(r'([a-z]+)\((.*)\)', text, re.S)
    if not m:
        raise CssError('cannot read colour %r' % text)
    func, args = m.group(1), split_args(m.group(2))
    if func in ('rgb', 'rgba'):
        rgb = [number(a) / (1 if a.strip().endswith('%') else 255) for a in args[:3]]
        return tuple(rgb) + ((number(args[3]) if len(args) > 3 else 1.0),)
    if func == 'alpha':
        c = parse_color(args[0], named, current, seen)
        return c[:3] + (c[3] * number(args[1]),)
    if func == 'mix':
        a = parse_color(args[0], named, current, seen)
        b = parse_color(args[1], named, current, seen)
        f = number(args[2])
        return tuple(a[i] * (1 - f) + b[i] * f for i in range(4))
    if func == 'shade':
        # Approximation of GTK's HLS shade: scale each channel.
        c = parse_color(args[0], named, current, seen)
        f = number(args[1])
        return tuple(min(1.0, max(0.0, v * f)) for v in c[:3]) + (c[3],)
    raise CssError('unsupported colour function %s()' % func)


def over(top, bottom):
    """@top composited over the opaque @bottom."""
    a = top[3]
    return tuple(top[i] * a + bottom[i] * (1 - a) for i in range(3)) + (1.0,)


def luminance(c):
    def lin(v):
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in c[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg, bg):
    a, b = luminance(fg), luminance(bg)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def hexa(c):
    return '#%02x%02x%02x' % tuple(round(v * 255) for v in c[:3])


# ---------------------------------------------------------------------------
# CSS: rules as (selector, {property: value}), and @define-color.

def parse_css(text):
    text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    defines = dict(re.findall(r'@define-color\s+([\w-]+)\s+([^;]+);', text))
    text = re.sub(r'@define-color[^;]*;', '', text)
    rules = []
    for selectors, body in re.findall(r'([^{}]+)\{([^{}]*)\}', text):
        decls = {}
        for decl in body.split(';'):
            if ':' in decl:
                prop, value = decl.split(':', 1)
                decls[prop.strip().lower()] = value.strip()
        for selector in selectors.split(','):
            rules.append((' '.join(selector.split()), decls))
    return defines, rules


def compounds(selector):
    """A selector's compounds, each a set of tokens; '>' read as ' '."""
    out = []
    for part in selector.replace('>', ' ').split():
        tokens = set(re.findall(r'^[a-zA-Z*][\w-]*|\.[\w-]+|:[\w-]+|#[\w-]+', part))
        tokens.discard('*')
        out.append(tokens)
    return out


def specificity(selector):
    ids = classes = types = 0
    for tokens in compounds(selector):
        for t in tokens:
            if t[0] == '#':
                ids += 1
            elif t[0] in '.:':
                classes += 1
            else:
                types += 1
    return (ids, classes, types)


def matches(selector, tokens, ancestors):
    parts = compounds(selector)
    if not parts or not parts[-1] <= tokens:
        return False
    i = 0
    for part in parts[:-1]:
        while i < len(ancestors) and not part <= ancestors[i]:
            i += 1
        if i == len(ancestors):
            return False
        i += 1
    return True


def cascade(sheets, tokens, ancestors):
    """The winning declarations for an element: later sheets win (GTK
    takes providers in order), then specificity, then order."""
    best = {}
    for sheet_index, (_, rules) in enumerate(sheets):
        for rule_index, (selector, decls) in enumerate(rules):
            if not matches(selector, tokens, ancestors):
                continue
            key = (sheet_index, specificity(selector), rule_index)
            for prop, value in decls.items():
                if prop not in best or best[prop][0] <= key:
                    best[prop] = (key, value)
    return {prop: value for prop, (_, value) in best.items()}


def background_value(decls):
    if 'background-color' in decls:
        return decls['background-color']
    if 'background' in decls:
        value = decls['background']
        if value in ('none', 'transparent'):
            return None
        return value
    return None


# ---------------------------------------------------------------------------

def load(ui_dir, planted=None, replace=False):
    """{file name: (defines, rules)} of the style sheets there are; with
    @planted ({file name: text}), that text added to the file's, or
    instead of it when @replace."""
    sheets = {}
    for name in ('style.css', 'style-dark.css', 'style-hc.css', 'style-hc-dark.css'):
        path = os.path.join(ui_dir, name)
        text = None
        if os.path.exists(path):
            with open(path, encoding='utf-8') as f:
                text = f.read()
        if planted is not None and name in planted:
            text = planted[name] if replace else (text or '') + '\n' + planted[name]
        if text is not None:
            sheets[name] = parse_css(text)
    return sheets


def order_independent(sheets):
    """libadwaita re-adds the dark and the high-contrast sheets as the
    settings change, so either may end up above the other: what both
    define, style-hc-dark.css (always added after both) must define too."""
    dark = set(sheets.get('style-dark.css', ({}, []))[0])
    hc = set(sheets.get('style-hc.css', ({}, []))[0])
    hc_dark = set(sheets.get('style-hc-dark.css', ({}, []))[0])
    return ['style-hc-dark.css does not define @%s, which style-dark.css and style-hc.css both do'
            % name for name in sorted((dark & hc) - hc_dark)]


def check(sheets):
    """Lists of (variant, element, place, ratio, minimum, fg, bg) measured,
    and of problems (strings)."""
    measured, problems = [], []
    for variant, files, defaults, minimum in VARIANTS:
        named = dict(PALETTE)
        named.update(defaults)
        stack = [sheets[f] for f in files if f in sheets]
        for defines, _ in stack:
            named.update(defines)
        for element, tokens, places in ELEMENTS:
            for place, ancestors, layers, inherited in places:
                try:
                    fg = parse_color(inherited, named)
                    bg = (1.0, 1.0, 1.0, 1.0) if variant in ('light', 'hc') else (0.0, 0.0, 0.0, 1.0)
                    for layer in layers:
                        bg = over(parse_color(layer, named, fg), bg)
                    # Our rules on the ancestors, then on the element itself.
                    chain = [(a, ancestors[:i]) for i, a in enumerate(ancestors)]
                    for own_tokens, above in chain + [(tokens, ancestors)]:
                        decls = cascade(stack, own_tokens, above)
                        value = decls.get('color', 'inherit')
                        if value not in ('inherit', 'unset', 'initial'):
                            fg = parse_color(value, named, fg)
                        own = background_value(decls)
                        if own is not None:
                            bg = over(parse_color(own, named, fg), bg)
                except CssError as e:
                    problems.append('%s, %s in a %s: %s' % (variant, element, place, e))
                    continue
                text = over(fg, bg)
                ratio = contrast(text, bg)
                measured.append((variant, element, place, ratio, minimum, hexa(text), hexa(bg)))
                if ratio < minimum:
                    problems.append('%s: %s in a %s: %s on %s is %.2f:1, below %.1f:1'
                                    % (variant, element, place, hexa(text), hexa(bg),
                                       ratio, minimum))
    return measured, problems


def uncovered(sheets):
    """Rules that colour text or a background but match no element above."""
    out = []
    for name, (_, rules) in sheets.items():
        for selector, decls in rules:
            if 'color' not in decls and background_value(decls) is None:
                continue
            if not any(matches(selector, tokens, ancestors)
                       for _, tokens, places in ELEMENTS
                       for _, ancestors, _, _ in places):
                out.append('%s: "%s" colours something the test does not know where it is '
                           'drawn (add it to ELEMENTS)' % (name, selector))
    return out


# Planted faults: each must make check() or uncovered() complain.
OLD_FLAGS = '''
.dd-flag { font-weight: bold; }
.dd-flag.dd-flag-red { color: @red_3; }
.dd-flag.dd-flag-yellow { color: @yellow_5; }
.dd-flag.dd-flag-green { color: @green_4; }
.dd-flag.dd-flag-blue { color: @blue_3; }
.dd-flag.dd-flag-purple { color: @purple_3; }
.dd-flag.dd-flag-orange { color: @orange_4; }
'''

# (description, replace the files instead of adding to them, {file: text})
FAULTS = [
    ('the flag colours of 0.1.0 development (palette colours)', True,
     {'style.css': OLD_FLAGS, 'style-dark.css': '', 'style-hc.css': '', 'style-hc-dark.css': ''}),
    ('a pale dark-style flag', False,
     {'style-dark.css': '.dd-flag.dd-flag-blue { color: @blue_5; }'}),
    ('a high-contrast flag at only 4.8:1', False,
     {'style-hc.css': '@define-color dd_flag_red_color #c01c28;'}),
    ('a dark grey flag in high contrast, dark style', False,
     {'style-hc-dark.css': '.dd-flag { color: #444; }'}),
    ('a badge on a background too close to its text', False,
     {'style-hc.css': '.dd-badge.dd-cod { background-color: @accent_bg_color; }'}),
    ('a colour the test cannot resolve', False,
     {'style-hc.css': '.dd-flag-red { color: @no_such_color; }'}),
    ('a coloured rule drawn nowhere known', False,
     {'style-dark.css': '.dd-new-thing { color: @red_1; }'}),
    ('a colour both dark and high contrast define, missing in high contrast dark', False,
     {'style-dark.css': '@define-color dd_new_color #ffffff;',
      'style-hc.css': '@define-color dd_new_color #000000;'}),
]


def main():
    ui_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'ui')
    n, failed = 0, False

    def ok(good, description, details=()):
        nonlocal n, failed
        n += 1
        print('%s %d - %s' % ('ok' if good else 'not ok', n, description))
        for line in details:
            print('# ' + line)
        failed |= not good

    sheets = load(ui_dir)
    ok('style.css' in sheets, 'style.css is there')
    ok(all(name in sheets for name in ('style-dark.css', 'style-hc.css', 'style-hc-dark.css')),
       'the dark and high-contrast style sheets are there')
    ok(len(sheets.get('style.css', ({}, []))[1]) > 0, 'style.css has rules')

    problems = uncovered(sheets)
    ok(not problems, 'every coloured rule is drawn somewhere the test knows', problems)
    problems = order_independent(sheets)
    ok(not problems, 'high contrast dark does not depend on the order of the others', problems)

    measured, problems = check(sheets)
    ok(len(measured) >= len(VARIANTS) * 6 * len(TABLE_ROW),
       'contrast measured for every flag, variant and row state (%d measures)' % len(measured))
    for variant, _, _, minimum in VARIANTS:
        mine = [p for p in problems if p.startswith(variant + ':') or p.startswith(variant + ',')]
        worst = min((m for m in measured if m[0] == variant), key=lambda m: m[3], default=None)
        details = mine + ([] if worst is None else
                          ['lowest: %s in a %s, %s on %s, %.2f:1'
                           % (worst[1], worst[2], worst[5], worst[6], worst[3])])
        ok(not mine, '%s: every coloured text at least %.1f:1' % (variant, minimum), details)

    # The checker itself: each planted fault is found.
    for description, replace, texts in FAULTS:
        planted = load(ui_dir, texts, replace)
        found = uncovered(planted) + order_independent(planted) + check(planted)[1]
        ok(len(found) > 0, 'a planted fault is found: %s' % description, found[:2])

    print('1..%d' % n)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
