/* Differential test harness for osip2-rs: helpers shared by the scenario
 * programs in c-tests/scenarios/.
 *
 * Every scenario is compiled twice (against Debian's libosip2 and against
 * ours) and both runs must print exactly the same text, so everything printed
 * here is deterministic: no pointers, no absolute times; remaining times are
 * rounded up to a timer length (see H_TIME_STEP_MS).
 *
 * Only the public API of libosip2 / libosipparser2 is used.
 */
#ifndef OSIP2_RS_HARNESS_H
#define OSIP2_RS_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include <osip2/osip.h>
#include <osip2/osip_fifo.h>
#include <osip2/osip_mt.h>
#include <osip2/osip_time.h>
#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>

/* Remaining times are printed as the smallest timer length libosip2 uses
 * (H_TIME_STEP_MS doubled: 500, 1000, 2000, 4000, 8000 ... plus T4 = 5000)
 * that is not below them. A timer armed with such a length L prints as +L
 * as long as less time than the gap to the next smaller length has passed
 * since it was armed (500 ms for the shortest ones, 16 s for 32 s timers),
 * which holds even for slow runs under valgrind. */
#define H_TIME_STEP_MS 500

/* ---- set-up and tear-down ------------------------------------------------ */

/* osip_init + every callback (60 message, 4 kill, 4 transport error, send)
 * + the deterministic trace function. Exits on failure. */
void h_init(osip_t **osip);

/* Frees every transaction still in one of the four lists and every
 * transaction the kill callback removed (unless the scenario freed it with
 * h_free), then osip_release. */
void h_done(osip_t *osip);

/* osip_transaction_free that also forgets `tr` in the harness's registry of
 * transactions removed by the kill callback. Prints the result. */
int h_free(osip_transaction_t *tr);

/* Installs the trace function alone (h_init does it too): prints
 * "TRACE <file>:<line> <LEVEL> <text>" for FATAL..WARNING. */
void h_trace_init(void);

/* ---- callback behaviour --------------------------------------------------- */

/* Kill callback: 1 (default) = call osip_remove_transaction and remember the
 * transaction for h_done; 0 = only print. */
extern int h_kill_remove;

/* Value returned by the send callback unless a scripted value applies. */
extern int h_send_result;

/* Number of sends seen so far (the first send is number 1). */
extern int h_send_count;

/* The n-th send (1-based, counting every send of the process) returns
 * `result` instead of h_send_result. Up to 64 entries. */
void h_send_at(int n, int result);

/* The next send returns `result`. */
void h_send_next(int result);

/* 1 (default) = the send callback prints the whole message; 0 = only the
 * SEND line and the message's first line (for long repetitive scenarios). */
extern int h_send_verbose;

/* Optional hooks run after the harness printed a callback (NULL = none);
 * threaded or re-entrant scenarios use them. */
extern void (*h_on_message)(int type, osip_transaction_t *tr, osip_message_t *msg);
extern void (*h_on_kill)(int type, osip_transaction_t *tr);

/* ---- messages and events ------------------------------------------------- */

/* Parses a message written with "\n" line ends (converted to "\r\n").
 * Exits on failure. The caller owns it. */
osip_message_t *h_msg(const char *text);

/* osip_parse of the text ("\n" → "\r\n"). Exits on failure. */
osip_event_t *h_evt_in(const char *text);

/* osip_parse of the text; may return NULL. */
osip_event_t *h_parse(const char *text);

/* osip_new_outgoing_sipmessage(msg). Exits on failure. */
osip_event_t *h_evt_out(osip_message_t *msg);

/* h_evt_out(h_msg(text)). */
osip_event_t *h_evt_out_text(const char *text);

/* printf-style variants of h_msg, h_evt_in and h_evt_out_text. */
osip_message_t *h_msgf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
osip_event_t *h_evt_inf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
osip_event_t *h_evt_outf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A message-less event (timeout, KILL_TRANSACTION ...) allocated with
 * osip_malloc, as eXosip builds them. */
osip_event_t *h_evt_plain(int type, int transactionid);

/* The first line of a message ("INVITE sip:... SIP/2.0" / "SIP/2.0 200 OK"),
 * or "NULL". The returned buffer is static (overwritten by the next call). */
const char *h_first_line(osip_message_t *msg);

/* Prints a message, one "  | " prefixed line per line, without "\r". */
void h_print_msg(osip_message_t *msg);

/* ---- printing state -------------------------------------------------------- */

const char *h_state_name(int state);
const char *h_event_name(int type);
const char *h_callback_name(int type);

/* Transaction id, or -1 for NULL. */
int h_id(osip_transaction_t *tr);

/* Everything observable about one transaction (see README.md). */
void h_tr(osip_transaction_t *tr);

/* Sizes and ids of the four lists and the ixt list size. */
void h_lists(osip_t *osip);

/* osip_timers_gettimeout: "{0,0}", "{31536000,0}" or "~N ms" rounded up
 * like h_remaining_ms. */
void h_timeout(osip_t *osip);

/* A timer start as printed by h_tr: "-1" (tv_sec == -1), "due" or
 * "armed(+N)". */
const char *h_timer(const struct timeval *start);

/* Milliseconds until `start`, rounded up as described at H_TIME_STEP_MS;
 * 0 when due. */
long h_remaining_ms(const struct timeval *start);

/* ---- timers -------------------------------------------------------------- */

/* Makes a timer due the way eXosip does: start := now (+0 ms). */
void h_force(struct timeval *start);

/* Makes a timer due by writing the field directly: tv_sec -= 100. */
void h_force_back(struct timeval *start);

/* Makes a timer due by writing {0, 0} into it. */
void h_force_zero(struct timeval *start);

/* osip_timers_{ict,ist,nict,nist}_execute then osip_{ict,ist,nict,nist}_execute. */
void h_run(osip_t *osip);

/* osip_{ict,ist,nict,nist}_execute only. */
void h_exec_all(osip_t *osip);

/* ---- steps that print what they did -------------------------------------- */

/* osip_transaction_execute, printing "EXEC <event> tr=<id> -> rc". */
int h_exec(osip_transaction_t *tr, osip_event_t *evt);

/* osip_find_transaction_and_add_event, printing "FIND+ADD <event> -> rc";
 * when nothing matched (rc != 0) the event is freed. */
int h_find_add(osip_t *osip, osip_event_t *evt);

/* osip_create_transaction + osip_transaction_add_event, printing
 * "CREATE <event> -> tr=<id>". When no transaction is created the event is
 * freed. Returns the transaction (or NULL). */
osip_transaction_t *h_create_add(osip_t *osip, osip_event_t *evt);

/* A labelled section header in the trace. */
void h_step(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- assertions (for scenarios marked "oracle: crashes") ----------------- */

/* Prints "CHECK <label>: <got>" and, if got != want, "  FAILED (want ...)"
 * and remembers the failure; h_exit_status() is then 1. */
void h_check_int(const char *label, long got, long want);

/* Same for pointers compared to NULL-ness: want_null 1 = must be NULL. */
void h_check_null(const char *label, const void *got, int want_null);

/* 0 if no check failed, else 1. Scenarios `return h_exit_status();`. */
int h_exit_status(void);

#endif
