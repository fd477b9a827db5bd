/* Timers against the real monotonic clock, without forcing anything: an ICT
 * retransmits once timer A's 500 ms have really passed and not before; a
 * NICT does the same with timer E; sleeping for what osip_timers_gettimeout
 * returned (plus 1 ms) is enough for the earliest timer (A) to fire. Costs about
 * two seconds. */
#include "harness.h"

#include <time.h>

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

  while (nanosleep(&ts, &ts) != 0)
    ;
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *ict, *nict;
  struct timeval tv;

  h_init(&osip);
  h_send_verbose = 0;
  ict = h_create_add(osip, h_evt_out_text("INVITE sip:b@example.com SIP/2.0\n"
                                          "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKrt1\n"
                                          "From: <sip:a@example.com>;tag=1\n"
                                          "To: <sip:b@example.com>\n"
                                          "Call-ID: rt1@x\n"
                                          "CSeq: 1 INVITE\n"
                                          "Content-Length: 0\n\n"));
  nict = h_create_add(osip, h_evt_out_text("OPTIONS sip:b@example.com SIP/2.0\n"
                                           "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKrt2\n"
                                           "From: <sip:a@example.com>;tag=1\n"
                                           "To: <sip:b@example.com>\n"
                                           "Call-ID: rt2@x\n"
                                           "CSeq: 1 OPTIONS\n"
                                           "Content-Length: 0\n\n"));
  h_run(osip);
  h_step("right away: nothing due");
  h_run(osip);
  h_timeout(osip);
  h_step("after 600 ms: A and E fire");
  sleep_ms(600);
  h_run(osip);
  h_timeout(osip);
  printf("A len=%d E len=%d\n", ((osip_ict_t *) ict->ict_context)->timer_a_length,
         ((osip_nict_t *) nict->nict_context)->timer_e_length);
  /* A was restarted just before E, so it is the earliest; E may still be a
   * moment away, so only the ICT timers run. */
  h_step("sleep for what osip_timers_gettimeout says: A fires");
  osip_timers_gettimeout(osip, &tv);
  sleep_ms(tv.tv_sec * 1000 + tv.tv_usec / 1000 + 1);
  osip_timers_ict_execute(osip);
  osip_ict_execute(osip);
  h_done(osip);
  return 0;
}
