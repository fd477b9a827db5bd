/* osip_timers_gettimeout (spec 9.4): one year with nothing armed; {0,0}
 * while an ICT has a pending event (but not for pending IST/NICT/NIST
 * events); otherwise the earliest armed timer of the timers that count in
 * each state (ICT CALLING: B, A; COMPLETED: D; IST COMPLETED: H, G;
 * CONFIRMED: I; NICT TRYING/PROCEEDING: F, E; COMPLETED: K; NIST
 * COMPLETED: J); {0,0} as soon as one is due; disarmed (-1) timers and
 * timers of other states ignored. */
#include "harness.h"

static const char *msg(const char *first, const char *method, int n) {
  static char buf[1024];

  snprintf(buf, sizeof(buf),
           "%s\n"
           "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKto%d\n"
           "From: <sip:a@example.com>;tag=1\n"
           "To: <sip:b@example.com>;tag=2\n"
           "Call-ID: to%d@x\n"
           "CSeq: 1 %s\n"
           "Content-Length: 0\n\n",
           first, n, n, method);
  return buf;
}

static osip_event_t *reply(osip_transaction_t *tr, const char *status, const char *method, int n) {
  osip_event_t *evt = h_evt_out_text(msg(status, method, n));

  evt->transactionid = tr->transactionid;
  return evt;
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *ict, *ist, *nict, *nist;

  h_init(&osip);
  h_send_verbose = 0;
  h_step("empty");
  h_timeout(osip);

  h_step("an ICT made by osip_transaction_init, no event: PRE_CALLING timers do not count");
  {
    osip_message_t *req = h_msg(msg("INVITE sip:b@example.com SIP/2.0", "INVITE", 9));
    osip_transaction_t *idle = NULL;

    printf("init -> %d\n", osip_transaction_init(&idle, ICT, osip, req));
    osip_message_free(req);
    h_timeout(osip);
    h_free(idle);
  }

  h_step("a NIST with a pending event");
  nist = h_create_add(osip, h_evt_in(msg("OPTIONS sip:b@example.com SIP/2.0", "OPTIONS", 4)));
  h_timeout(osip);
  h_step("an IST with a pending event");
  ist = h_create_add(osip, h_evt_in(msg("INVITE sip:b@example.com SIP/2.0", "INVITE", 2)));
  h_timeout(osip);
  h_step("a NICT with a pending event: F counts only from TRYING");
  nict = h_create_add(osip, h_evt_out_text(msg("INFO sip:b@example.com SIP/2.0", "INFO", 3)));
  h_timeout(osip);
  h_step("an ICT with a pending event");
  ict = h_create_add(osip, h_evt_out_text(msg("INVITE sip:b@example.com SIP/2.0", "INVITE", 1)));
  h_timeout(osip);
  h_exec_all(osip);
  h_step("after execution: A (500) is the earliest");
  h_timeout(osip);
  h_step("A disarmed by hand: E (500)");
  ((osip_ict_t *) ict->ict_context)->timer_a_start.tv_sec = -1;
  h_timeout(osip);
  h_step("E disarmed too: F and B (32000)");
  ((osip_nict_t *) nict->nict_context)->timer_e_start.tv_sec = -1;
  h_timeout(osip);

  h_step("NIST completed: J 32000; IST completed: G 500");
  h_find_add(osip, reply(nist, "SIP/2.0 200 OK", "OPTIONS", 4));
  h_find_add(osip, reply(ist, "SIP/2.0 486 Busy", "INVITE", 2));
  h_exec_all(osip);
  h_timeout(osip);
  h_step("G disarmed: H/J/F/B all 32000");
  ((osip_ist_t *) ist->ist_context)->timer_g_start.tv_sec = -1;
  h_timeout(osip);
  h_step("IST confirmed: I 5000");
  h_find_add(osip, h_evt_in(msg("ACK sip:b@example.com SIP/2.0", "ACK", 2)));
  h_exec_all(osip);
  h_timeout(osip);
  h_step("NICT completed: K 5000, then ICT completed: D 32000");
  h_find_add(osip, h_evt_in(msg("SIP/2.0 200 OK", "INFO", 3)));
  h_find_add(osip, h_evt_in(msg("SIP/2.0 404 Not Found", "INVITE", 1)));
  h_exec_all(osip);
  h_timeout(osip);
  h_step("each kind of due timer gives {0,0}");
  h_force(&((osip_nist_t *) nist->nist_context)->timer_j_start);
  h_timeout(osip);
  ((osip_nist_t *) nist->nist_context)->timer_j_start.tv_sec = -1;
  h_timeout(osip);
  h_force_zero(&((osip_nict_t *) nict->nict_context)->timer_k_start);
  h_timeout(osip);
  ((osip_nict_t *) nict->nict_context)->timer_k_start.tv_sec = -1;
  h_force_back(&((osip_ist_t *) ist->ist_context)->timer_i_start);
  h_timeout(osip);
  ((osip_ist_t *) ist->ist_context)->timer_i_start.tv_sec = -1;
  h_force(&((osip_ict_t *) ict->ict_context)->timer_d_start);
  h_timeout(osip);
  ((osip_ict_t *) ict->ict_context)->timer_d_start.tv_sec = -1;
  h_step("all disarmed: timers of other states do not count");
  h_force_back(&((osip_ict_t *) ict->ict_context)->timer_b_start);
  h_force_back(&((osip_ist_t *) ist->ist_context)->timer_h_start);
  h_force_back(&((osip_nict_t *) nict->nict_context)->timer_f_start);
  h_timeout(osip);
  h_step("a pending event in a completed ICT still gives {0,0}");
  h_find_add(osip, h_evt_in(msg("SIP/2.0 404 Not Found", "INVITE", 1)));
  h_timeout(osip);
  h_exec_all(osip);
  h_timeout(osip);
  h_done(osip);
  return 0;
}
