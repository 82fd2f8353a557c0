/* dd-sync-report.h: what the window tells about failed syncs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* One account whose sync failed. */
typedef struct
{
  char   *account_id;
  char   *account_name;  /* for people; the id when the account has no name */
  GError *error;
} DdSyncFailure;

DdSyncFailure *dd_sync_failure_new  (const char    *account_id,
                                     const char    *account_name,
                                     const GError  *error) G_GNUC_WARN_UNUSED_RESULT;
void           dd_sync_failure_free (DdSyncFailure *failure);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSyncFailure, dd_sync_failure_free)

/* The one place that turns a sync error into a sentence for people. */
const char    *dd_sync_report_describe_error (const GError *error);

/* One line per failure, "Account name: sentence" (plain text, translated).
 * @failures: (element-type DdSyncFailure), not empty. */
char          *dd_sync_report_describe       (GPtrArray    *failures) G_GNUC_WARN_UNUSED_RESULT;

/* A short title for a toast: which account failed, or how many. */
char          *dd_sync_report_title          (GPtrArray    *failures) G_GNUC_WARN_UNUSED_RESULT;

/* The platforms' own words of every failure, per account, for "Details". */
char          *dd_sync_report_format_details (GPtrArray    *failures) G_GNUC_WARN_UNUSED_RESULT;

/* A dialog (not yet presented) showing @failures in full. */
GtkWidget     *dd_sync_report_dialog_new     (GtkWindow    *parent,
                                              GPtrArray    *failures);

G_END_DECLS
