/* dd-platform-error.h: the one error domain of every platform client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DD_PLATFORM_ERROR (dd_platform_error_quark ())

typedef enum
{
  DD_PLATFORM_ERROR_AUTH,             /* bad key, secret, signature, token */
  DD_PLATFORM_ERROR_PERMISSION,       /* the app or shop may not do this */
  DD_PLATFORM_ERROR_RATE_LIMITED,     /* banned or throttled; see retry-after */
  DD_PLATFORM_ERROR_INVALID_ARGUMENT, /* the request was wrong */
  DD_PLATFORM_ERROR_NOT_FOUND,
  DD_PLATFORM_ERROR_STATE_CONFLICT,   /* e.g. cancel of a paid order */
  DD_PLATFORM_ERROR_SERVER,           /* the platform failed (5xx, ISP, isp.*) */
  DD_PLATFORM_ERROR_NETWORK,          /* could not reach it / connection lost */
  DD_PLATFORM_ERROR_TIMEOUT,
  DD_PLATFORM_ERROR_BAD_RESPONSE,     /* not JSON, wrong types, too big … */
} DdPlatformErrorCode;

/* An extended GError (G_DEFINE_EXTENDED_ERROR): every DD_PLATFORM_ERROR
 * carries the platform's own words beside the translated message. */
GQuark       dd_platform_error_quark            (void);

/* Creates an error. @message is the translated sentence for people;
 * the platform_* strings are kept verbatim (NULL allowed). */
GError      *dd_platform_error_new              (DdPlatformErrorCode code,
                                                 const char *platform_type,
                                                 const char *platform_code,
                                                 const char *platform_sub_code,
                                                 const char *platform_message,
                                                 const char *request_id,
                                                 const char *message);

/* Accessors; NULL / 0 when @error is not a DD_PLATFORM_ERROR or the field is unset. */
const char  *dd_platform_error_get_type_name     (const GError *error); /* SYSTEM, ISV, ISP … */
const char  *dd_platform_error_get_platform_code (const GError *error);
const char  *dd_platform_error_get_sub_code      (const GError *error);
const char  *dd_platform_error_get_platform_message (const GError *error);
const char  *dd_platform_error_get_request_id    (const GError *error);
/* The platform (a DD_PLATFORM_* id) whose answer this is; NULL when not
 * known (a transport error, an HTTP status). dd_error_table_make() sets it. */
const char  *dd_platform_error_get_platform      (const GError *error);
void         dd_platform_error_set_platform      (GError       *error,
                                                  const char   *platform);
/* Seconds the platform asks us to wait (bans); 0 when none was stated. */
guint        dd_platform_error_get_retry_after   (const GError *error);
void         dd_platform_error_set_retry_after   (GError *error,
                                                  guint   seconds);

/* TRUE for errors a read may be retried after: NETWORK, TIMEOUT, SERVER,
 * RATE_LIMITED, and any error marked with dd_platform_error_set_transient()
 * (dd-http marks a BAD_RESPONSE caused by a non-JSON body that way). An
 * error with an action (see below) is transient only when marked. */
gboolean     dd_platform_error_is_transient      (const GError *error);
void         dd_platform_error_set_transient     (GError       *error,
                                                  gboolean      transient);

/* What a client does after the error: a DdErrorAction (dd-error-table.h),
 * kept as an int so this lower layer does not depend on the table; -1 when
 * unset. dd_error_table_make() sets it; read it with
 * dd_error_table_get_action(). Once an action is set, the code no longer
 * decides dd_platform_error_is_transient(): only the transient mark does
 * (the table sets both, so a long ban — RATE_LIMITED, STOP — is not
 * transient). */
int          dd_platform_error_get_action        (const GError *error);
void         dd_platform_error_set_action        (GError       *error,
                                                  int           action);

/* Multi-line "Details" text (type, code, sub-code, message, request id),
 * for an expander in the UI and for the CLI's --verbose. */
char        *dd_platform_error_format_details    (const GError *error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
