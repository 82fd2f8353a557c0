/* fuzz-common.h: what every libFuzzer target of Dingdan shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each target's LLVMFuzzerTestOneInput() hands the input to one parser and
 * frees whatever comes back. The parsers report bad input as GErrors: a
 * g_critical() or g_warning() on any input is a finding, so fuzz_init() makes
 * them fatal (abort → libFuzzer records a crash).
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/* The sandbox's clock while recording seeds and while fuzzing requests
 * (2026-11-23 00:00:00 UTC): the recorded timestamps and signatures stay
 * inside every platform's skew window however old the corpus is. */
#define FUZZ_EPOCH_MS G_GINT64_CONSTANT (1795392000000)

int   LLVMFuzzerInitialize   (int            *argc,
                              char         ***argv);
int   LLVMFuzzerTestOneInput (const uint8_t  *data,
                              size_t          size);

/* Makes criticals and warnings fatal; quiets g_debug(). Idempotent. */
void  fuzz_init              (void);

/* The input as a NUL-terminated copy (the parsers take C strings too). */
char *fuzz_strndup           (const uint8_t  *data,
                              size_t          size) G_GNUC_WARN_UNUSED_RESULT;
