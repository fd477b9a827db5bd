/* Which retransmissions restart a running timer (spec 7): an ICT's timer D
 * is not restarted by a retransmitted final response; an IST's G and H are
 * not restarted by an INVITE retransmission in COMPLETED, but I is
 * restarted by every ACK; a NIST's J is not restarted by a request
 * retransmission; a NICT's E is restarted (with 4000) by each 1xx. Each
 * timer is first moved to now + 7 s, which prints as +8000. */
#include "harness.h"

static void in7s(struct timeval *tv) {
  osip_gettimeofday(tv, NULL);
  add_gettimeofday(tv, 7000);
}

static const char *msg(const char *first, const char *method, const char *branch, const char *to_tag) {
  static char buf[1024];

  snprintf(buf, sizeof(buf),
           "%s\n"
           "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=%s\n"
           "From: <sip:a@example.com>;tag=1\n"
           "To: <sip:b@example.com>%s\n"
           "Call-ID: %s@x\n"
           "CSeq: 1 %s\n"
           "Content-Length: 0\n\n",
           first, branch, to_tag, branch, method);
  return buf;
}

static osip_event_t *reply(osip_transaction_t *tr, const char *status, const char *method, const char *branch) {
  osip_event_t *evt = h_evt_out_text(msg(status, method, branch, ";tag=2"));

  evt->transactionid = tr->transactionid;
  return evt;
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *ict, *ist, *nist, *nict;
  osip_ict_t *ic;
  osip_ist_t *is;
  osip_nist_t *ns;
  osip_nict_t *nc;

  h_init(&osip);
  h_send_verbose = 0;
  ict = h_create_add(osip, h_evt_out_text(msg("INVITE sip:b@example.com SIP/2.0", "INVITE", "z9hG4bKr1", "")));
  ist = h_create_add(osip, h_evt_in(msg("INVITE sip:b@example.com SIP/2.0", "INVITE", "z9hG4bKr2", "")));
  nist = h_create_add(osip, h_evt_in(msg("INFO sip:b@example.com SIP/2.0", "INFO", "z9hG4bKr3", "")));
  nict = h_create_add(osip, h_evt_out_text(msg("INFO sip:b@example.com SIP/2.0", "INFO", "z9hG4bKr4", "")));
  h_exec_all(osip);
  h_find_add(osip, h_evt_in(msg("SIP/2.0 486 Busy", "INVITE", "z9hG4bKr1", ";tag=2")));
  h_find_add(osip, reply(ist, "SIP/2.0 486 Busy", "INVITE", "z9hG4bKr2"));
  h_find_add(osip, reply(nist, "SIP/2.0 404 No", "INFO", "z9hG4bKr3"));
  h_exec_all(osip);
  ic = ict->ict_context;
  is = ist->ist_context;
  ns = nist->nist_context;
  nc = nict->nict_context;

  h_step("ICT D and a retransmitted 486");
  in7s(&ic->timer_d_start);
  h_find_add(osip, h_evt_in(msg("SIP/2.0 486 Busy", "INVITE", "z9hG4bKr1", ";tag=2")));
  osip_ict_execute(osip);
  printf("D start=%s\n", h_timer(&ic->timer_d_start));

  h_step("IST G, H and an INVITE retransmission");
  in7s(&is->timer_g_start);
  in7s(&is->timer_h_start);
  h_find_add(osip, h_evt_in(msg("INVITE sip:b@example.com SIP/2.0", "INVITE", "z9hG4bKr2", "")));
  osip_ist_execute(osip);
  printf("G start=%s H start=%s\n", h_timer(&is->timer_g_start), h_timer(&is->timer_h_start));
  h_step("IST I and two ACKs");
  h_find_add(osip, h_evt_in(msg("ACK sip:b@example.com SIP/2.0", "ACK", "z9hG4bKr2", ";tag=2")));
  osip_ist_execute(osip);
  printf("I start=%s\n", h_timer(&is->timer_i_start));
  in7s(&is->timer_i_start);
  h_find_add(osip, h_evt_in(msg("ACK sip:b@example.com SIP/2.0", "ACK", "z9hG4bKr2", ";tag=2")));
  osip_ist_execute(osip);
  printf("I start=%s\n", h_timer(&is->timer_i_start));

  h_step("NIST J and a request retransmission");
  in7s(&ns->timer_j_start);
  h_find_add(osip, h_evt_in(msg("INFO sip:b@example.com SIP/2.0", "INFO", "z9hG4bKr3", "")));
  osip_nist_execute(osip);
  printf("J start=%s\n", h_timer(&ns->timer_j_start));

  h_step("NICT E and two 1xx");
  in7s(&nc->timer_e_start);
  h_find_add(osip, h_evt_in(msg("SIP/2.0 100 Trying", "INFO", "z9hG4bKr4", "")));
  osip_nict_execute(osip);
  printf("E len=%d start=%s\n", nc->timer_e_length, h_timer(&nc->timer_e_start));
  in7s(&nc->timer_e_start);
  h_find_add(osip, h_evt_in(msg("SIP/2.0 180 Ringing", "INFO", "z9hG4bKr4", ";tag=2")));
  osip_nict_execute(osip);
  printf("E len=%d start=%s\n", nc->timer_e_length, h_timer(&nc->timer_e_start));
  h_done(osip);
  return 0;
}
