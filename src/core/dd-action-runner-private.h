/* dd-action-runner-private.h: what the action runner keeps of a request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by dd-action-runner.c (sending), dd-action-runner-read.c (reading
 * back) and dd-action-runner-params.c (what the log keeps).
 */
#pragma once

#include "dd-action-runner.h"

G_BEGIN_DECLS

struct _DdActionRunner
{
  GObject        parent_instance;

  DdCache       *cache;
  DdActionGuard *guard;
  GMainContext  *context;   /* where "action-changed" is emitted */

  guint          first_delay_ms;
  guint          max_delay_ms;
  guint          give_up_ms;
  guint          n_running; /* runs holding a slot */
};

/* How the read-backs on the schedule end. */
typedef enum
{
  DD_ACTION_POLL_UNKNOWN,  /* after a lost answer: until the order shows the effect */
  DD_ACTION_POLL_PENDING,  /* after an accepted pending cancel: until the order is closed */
} DdActionPollMode;

/* One write (or one reconciliation), the GTask's data. */
typedef struct
{
  DdClient          *client;
  GCancellable      *cancellable; /* the caller's; NULL */
  DdAction           action;
  char              *account_id;
  char              *order_id;
  char              *slot;        /* the guard's key: order, key or refund id */
  char              *reason_id;
  char              *remark;
  GBytes            *image;
  char              *content_type;
  char              *filename;
  DdPurchaseRequest *purchase;
  char              *refund_id;
  DdMoney            expected_total; /* a payment: the amount the person was shown */
  gboolean           has_expected_total;
  char              *params;      /* for the log: JSON, nothing secret */

  gboolean           holds_slot;
  gboolean           resolving;   /* dd_action_runner_resolve_async() */
  gboolean           already_done; /* the key's entry was done: nothing sent */
  gint64             log_id;
  char              *request_id;  /* the platform's, for the log; NULL */

  /* Reading back. */
  gint64             written_us;  /* monotonic, when the write's answer (or its loss) came */
  GSource           *give_up;     /* fires give_up_ms after written_us */
  gboolean           gave_up;
  GCancellable      *read_cancellable; /* the read in flight; NULL between reads */
  gulong             read_handler;     /* on @cancellable, cancels the read */
  guint              n_reads;     /* reads started since the write */
  guint              delay_ms;    /* the next read-back's wait */
  DdActionPollMode   mode;
  gboolean           last_read_ok;
  guint              after_sale_page;
  DdActionState      resolved_state;

  DdOrder           *order;       /* last read (none before the write's answer counts after it) */
  DdOrder           *live;        /* the read before the write (step 2) */
  GError            *write_error;
  gboolean           unknown;     /* the write's outcome was unknown (not refused) */
  DdActionOutcome    outcome;
  char              *pay_url;
  DdOrder           *created;
} DdActionRun;

void               dd_action_run_free             (DdActionRun   *run);

/* dd-action-runner.c */
gboolean           dd_action_run_take_slot        (GTask         *task,
                                                   GError       **error);
void               dd_action_run_release          (GTask         *task);
/* Finishes the log entry (unless @keep_log), releases the slot and hands
 * back the result. */
void               dd_action_run_finish           (GTask         *task,
                                                   DdActionState  state,
                                                   const char    *message,
                                                   gboolean       can_retry,
                                                   gboolean       keep_log);
const char        *dd_action_run_done_message     (DdAction       action);
char              *dd_action_run_refused_message  (DdActionRun   *run) G_GNUC_WARN_UNUSED_RESULT;

/* dd-action-runner-read.c */
const char        *dd_action_run_already_done_message (void);
/* Reads @order_id again (stored in the cache) through a cancellable of its
 * own, cancelled by the caller's and at give-up. */
void               dd_action_run_read_start       (GTask              *task,
                                                   const char         *order_id,
                                                   GAsyncReadyCallback callback);
DdOrder           *dd_action_run_read_finish      (GTask         *task,
                                                   GAsyncResult  *result,
                                                   GError       **error) G_GNUC_WARN_UNUSED_RESULT;
/* Starts the give-up timer: the write's answer (or its loss) came now. */
void               dd_action_run_arm_give_up      (GTask         *task);
void               dd_action_run_read_once        (GTask         *task);
void               dd_action_run_poll_start       (GTask            *task,
                                                   DdActionPollMode  mode);
void               dd_action_run_read_after_sales (GTask         *task);
void               dd_action_run_resolve_cb       (GObject       *source,
                                                   GAsyncResult  *result,
                                                   gpointer       user_data);

/* dd-action-runner-params.c */

/* A deep copy of @request. */
DdPurchaseRequest *dd_purchase_request_copy       (const DdPurchaseRequest *request) G_GNUC_WARN_UNUSED_RESULT;

/* The parameters the action log keeps of @request, as a JSON object: what
 * was asked (reason and remark, the voucher's type, name and size, a
 * purchase order's lines, total, receiver's name and city, the refund id),
 * never a secret, the picture, a phone number or a street. */
char              *dd_action_request_params_json  (const DdActionRequest   *request) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
