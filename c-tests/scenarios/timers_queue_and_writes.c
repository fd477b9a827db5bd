/* osip_timers_*_execute (spec 9.3): IST/NICT/NIST queue the same timeout
 * again on a second pass (double retransmission, double doubling), the ICT
 * does not while an event is pending; the order of checks per machine (ICT
 * B, A, D; IST I, H, G; NICT K, F, E); timer events go through the fifo in
 * generation order. Direct writes to timer fields are honoured by the next
 * pass: a disarmed timer armed by writing a past start, an armed due timer
 * disarmed with tv_sec = -1, a due timer pushed into the future, a length
 * changed before the timer fires. */
#include "harness.h"

static const char *msg(const char *first, const char *transport, const char *method, int n) {
  static char buf[1024];

  snprintf(buf, sizeof(buf),
           "%s\n"
           "Via: SIP/2.0/%s 10.0.0.1:5060;branch=z9hG4bKq%d\n"
           "From: <sip:a@example.com>;tag=1\n"
           "To: <sip:b@example.com>;tag=2\n"
           "Call-ID: q%d@x\n"
           "CSeq: 1 %s\n"
           "Content-Length: 0\n\n",
           first, transport, n, n, method);
  return buf;
}

static osip_event_t *reply(osip_transaction_t *tr, const char *status, const char *method, int n) {
  osip_event_t *evt = h_evt_out_text(msg(status, "UDP", method, n));

  evt->transactionid = tr->transactionid;
  return evt;
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *ict, *ist, *nict, *nist, *tcp;
  osip_ict_t *ic;
  osip_ist_t *is;
  osip_nict_t *nc;
  osip_nist_t *ns;

  h_init(&osip);
  h_send_verbose = 0;
  ict = h_create_add(osip, h_evt_out_text(msg("INVITE sip:b@example.com SIP/2.0", "UDP", "INVITE", 1)));
  ist = h_create_add(osip, h_evt_in(msg("INVITE sip:b@example.com SIP/2.0", "UDP", "INVITE", 2)));
  nict = h_create_add(osip, h_evt_out_text(msg("INFO sip:b@example.com SIP/2.0", "UDP", "INFO", 3)));
  nist = h_create_add(osip, h_evt_in(msg("INFO sip:b@example.com SIP/2.0", "UDP", "INFO", 4)));
  h_exec_all(osip);
  h_find_add(osip, reply(ist, "SIP/2.0 500 Oops", "INVITE", 2));
  h_find_add(osip, reply(nist, "SIP/2.0 404 No", "INFO", 4));
  h_exec_all(osip);
  ic = ict->ict_context;
  is = ist->ist_context;
  nc = nict->nict_context;
  ns = nist->nist_context;

  h_step("every due timer, two passes");
  h_force(&ic->timer_a_start);
  h_force(&ic->timer_b_start);
  h_force(&is->timer_g_start);
  h_force(&is->timer_h_start);
  h_force(&nc->timer_e_start);
  h_force(&nc->timer_f_start);
  h_force(&ns->timer_j_start);
  osip_timers_ict_execute(osip);
  osip_timers_ist_execute(osip);
  osip_timers_nict_execute(osip);
  osip_timers_nist_execute(osip);
  osip_timers_ict_execute(osip);
  osip_timers_ist_execute(osip);
  osip_timers_nict_execute(osip);
  osip_timers_nist_execute(osip);
  printf("fifo ict=%d ist=%d nict=%d nist=%d\n", osip_fifo_size(ict->transactionff),
         osip_fifo_size(ist->transactionff), osip_fifo_size(nict->transactionff),
         osip_fifo_size(nist->transactionff));
  h_exec_all(osip);
  h_lists(osip);

  h_step("fresh ones: G due twice doubles twice, E twice");
  ist = h_create_add(osip, h_evt_in(msg("INVITE sip:b@example.com SIP/2.0", "UDP", "INVITE", 5)));
  nict = h_create_add(osip, h_evt_out_text(msg("INFO sip:b@example.com SIP/2.0", "UDP", "INFO", 6)));
  h_exec_all(osip);
  h_find_add(osip, reply(ist, "SIP/2.0 500 Oops", "INVITE", 5));
  h_exec_all(osip);
  is = ist->ist_context;
  nc = nict->nict_context;
  h_force_back(&is->timer_g_start);
  h_force_back(&nc->timer_e_start);
  osip_timers_ist_execute(osip);
  osip_timers_nict_execute(osip);
  osip_timers_ist_execute(osip);
  osip_timers_nict_execute(osip);
  h_exec_all(osip);
  printf("G len=%d start=%s E len=%d start=%s\n", is->timer_g_length, h_timer(&is->timer_g_start),
         nc->timer_e_length, h_timer(&nc->timer_e_start));

  h_step("G due, then disarmed by writing tv_sec = -1: nothing");
  h_force(&is->timer_g_start);
  is->timer_g_start.tv_sec = -1;
  h_run(osip);
  h_timeout(osip);
  h_step("G due, then pushed 10 s into the future: nothing");
  h_force(&is->timer_g_start);
  is->timer_g_start.tv_sec += 10;
  h_run(osip);
  printf("G start=%s\n", h_timer(&is->timer_g_start));
  h_step("G length set to 3000 by hand, G due: next length 4000 (cap)");
  is->timer_g_length = 3000;
  h_force_zero(&is->timer_g_start);
  h_run(osip);
  printf("G len=%d start=%s\n", is->timer_g_length, h_timer(&is->timer_g_start));
  h_step("E length set to 100 and created_time 3 s back: doubled to 200");
  nc->timer_e_length = 100;
  nict->created_time.tv_sec -= 3;
  h_force(&nc->timer_e_start);
  h_run(osip);
  printf("E len=%d start=%s\n", nc->timer_e_length, h_timer(&nc->timer_e_start));

  h_step("TCP NICT: E disarmed by the send, armed again by writing a past start");
  tcp = h_create_add(osip, h_evt_out_text(msg("INFO sip:b@example.com SIP/2.0", "TCP", "INFO", 7)));
  h_run(osip);
  nc = tcp->nict_context;
  printf("E len=%d start=%s\n", nc->timer_e_length, h_timer(&nc->timer_e_start));
  nc->timer_e_start.tv_sec = 1;
  nc->timer_e_start.tv_usec = 0;
  h_timeout(osip);
  h_run(osip);
  printf("E len=%d start=%s\n", nc->timer_e_length, h_timer(&nc->timer_e_start));

  h_step("H forced on the completed IST: it terminates");
  is = ((osip_transaction_t *) osip_list_get(&osip->osip_ist_transactions, 0))->ist_context;
  h_force_back(&is->timer_h_start);
  h_run(osip);
  h_lists(osip);
  h_done(osip);
  return 0;
}
