/* dd-i18n.h: the toolkit's translations where Debian 12's lack them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void dd_i18n_supplement_libadwaita (void);

G_END_DECLS
