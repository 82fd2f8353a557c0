/* dd-marks.h: the reviewer's marks on orders (note, flag, review state) and
 * the live counts of the list's views
 *
 * Marks live in the cache file, in their own table keyed by (account id,
 * platform order id), not by the row id: they survive a re-sync of the order
 * and the account's orders being dropped and fetched again. Only
 * dd_cache_delete_account() removes them (a removed account).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-cache.h"

G_BEGIN_DECLS

/* The six colour flags, numbered as Taobao numbers the seller's flags
 * (TOP's `seller_flag`: 1 red, 2 yellow, 3 green, 4 blue, 5 purple; the
 * seller centre's later flags go on with 6 orange). 0 is no flag (TOP's
 * grey). Values are stored in the cache: never renumber. */
typedef enum
{
  DD_FLAG_NONE   = 0,
  DD_FLAG_RED    = 1,
  DD_FLAG_YELLOW = 2,
  DD_FLAG_GREEN  = 3,
  DD_FLAG_BLUE   = 4,
  DD_FLAG_PURPLE = 5,
  DD_FLAG_ORANGE = 6,
} DdFlag;

#define DD_FLAG_LAST DD_FLAG_ORANGE

/* Where the review of an order stands. An order without marks needs review;
 * a held order whose release time has passed needs review again. Values
 * are stored in the cache: never renumber. */
typedef enum
{
  DD_REVIEW_NEEDS_REVIEW = 0,
  DD_REVIEW_APPROVED     = 1,
  DD_REVIEW_HELD         = 2,
} DdReviewState;

#define DD_REVIEW_LAST DD_REVIEW_HELD

/* Bits for DdQuery.flags and DdQuery.reviews (0 there: any). */
#define DD_FLAG_MASK(flag)     (1u << (guint) (flag))
#define DD_REVIEW_MASK(state)  (1u << (guint) (state))

/* The views of the list (issue E), each with a live count. Each status view
 * is exactly one DdOrderStatus (as DdQuery.status filters it); Completed,
 * Delivery failed and Unknown orders show under All only. */
typedef enum
{
  DD_VIEW_ALL = 0,
  DD_VIEW_NEEDS_REVIEW,
  DD_VIEW_UNPAID,
  DD_VIEW_TO_SHIP,
  DD_VIEW_SHIPPED,
  DD_VIEW_AFTER_SALE,
  DD_VIEW_CLOSED,
} DdView;

#define DD_VIEW_LAST DD_VIEW_CLOSED

/* One order's marks. */
typedef struct
{
  char          *note;        /* owned; NULL: none */
  DdFlag         flag;
  DdReviewState  review;      /* as stored (see dd_marks_get_review()) */
  gint64         release_ms;  /* HELD: when it needs review again; 0: never */
  gint64         updated_ms;  /* last change; 0: never marked */
} DdMarks;

#define DD_MARKS_INIT { NULL, DD_FLAG_NONE, DD_REVIEW_NEEDS_REVIEW, 0, 0 }

/* Counts of one account's (or every account's) orders. */
typedef struct
{
  guint64 all;
  guint64 needs_review;
  guint64 by_status[DD_ORDER_STATUS_LAST + 1];  /* indexed by DdOrderStatus */
} DdViewCounts;

void           dd_marks_clear            (DdMarks      *marks);
/* The review state at @now_ms (0: the current time): a HELD order past its
 * release time needs review. */
DdReviewState  dd_marks_get_review       (const DdMarks *marks,
                                          gint64        now_ms);

/* Stable machine names ("red", "approved", "needs-review" …) and translated
 * labels for people. */
const char    *dd_flag_to_nick           (DdFlag         flag);
gboolean       dd_flag_from_nick         (const char    *nick,
                                          DdFlag        *flag);
const char    *dd_flag_get_label         (DdFlag         flag);
const char    *dd_review_state_to_nick   (DdReviewState  state);
const char    *dd_review_state_get_label (DdReviewState  state);
const char    *dd_view_get_label         (DdView         view);

/* Sets @query's status and review filters to @view's (the rest unchanged). */
void           dd_query_set_view         (DdQuery       *query,
                                          DdView         view);
/* @view's count. */
guint64        dd_view_counts_get        (const DdViewCounts *counts,
                                          DdView         view);

/* Reads the marks of the order in row @row_id into @marks (cleared first;
 * DD_MARKS_INIT values when it has none). FALSE with G_IO_ERROR_NOT_FOUND
 * when the row is gone. Safe in any thread. */
gboolean       dd_cache_get_marks        (DdCache       *self,
                                          gint64         row_id,
                                          DdMarks       *marks,
                                          GError       **error);

/* Each sets one mark on every order of @row_ids (gint64 row ids: a
 * multi-selection) in ONE transaction: all of them or, on an error (a full
 * disk, a row no longer cached: G_IO_ERROR_NOT_FOUND), none. The other marks
 * of those orders stay as they are. Safe in a worker thread. */
/* @note: NULL or "" removes it. */
gboolean       dd_cache_set_note         (DdCache       *self,
                                          GArray        *row_ids,
                                          const char    *note,
                                          GError       **error);
gboolean       dd_cache_set_flag         (DdCache       *self,
                                          GArray        *row_ids,
                                          DdFlag         flag,
                                          GError       **error);
/* @release_ms: for DD_REVIEW_HELD, when the order needs review again (0:
 * held until changed); ignored for the other states. */
gboolean       dd_cache_set_review       (DdCache       *self,
                                          GArray        *row_ids,
                                          DdReviewState  state,
                                          gint64         release_ms,
                                          GError       **error);

/* Counts the orders of every view for @account_id (NULL: every account),
 * the review state evaluated at @now_ms (0: the current time), in one
 * query. Safe in a worker thread. */
gboolean       dd_cache_count_views      (DdCache       *self,
                                          const char    *account_id,
                                          gint64         now_ms,
                                          DdViewCounts  *counts,
                                          GError       **error);

G_END_DECLS
