/* test-volume.h: how many orders a volume case makes, per run
 *
 * In the sanitizer run (build-aux/test.sh's second run) LeakSanitizer
 * records the stack of every allocation with the slow unwinder (GLib is
 * built without frame pointers, and the suppressions must see past
 * g_malloc): a case that makes thousands of orders runs 60 to 70 times
 * slower there than in the normal run. Such cases take
 * TEST_VOLUME (normal, sanitized) orders, pages or rounds: the sanitizers
 * see the same code paths, fewer times. Each case picks a smaller count
 * that still means what it tests (more than a cache holds, more pages than
 * a window costs...).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if defined(__SANITIZE_ADDRESS__)
# define TEST_VOLUME(normal, sanitized) (sanitized)
#else
# define TEST_VOLUME(normal, sanitized) (normal)
#endif
