/* IST answered with 180 then 200: the 2xx terminates it at once (the
 * application retransmits 2xx itself). The ACK for the 2xx with a new branch
 * matches nothing; an ACK reusing the INVITE branch matches the terminated
 * IST while it is listed and is dropped without a callback; an INVITE
 * retransmission is also dropped. Responses in PRE_PROCEEDING, an ACK in
 * PROCEEDING and a second final response in COMPLETED are ignored. */
#include "harness.h"

static osip_event_t *request(const char *method, const char *branch, int cseq, const char *cseq_method,
                             const char *to_tag) {
  return h_evt_inf("%s sip:bob@10.0.0.2 SIP/2.0\n"
                   "Via: SIP/2.0/UDP 10.0.0.9;branch=%s\n"
                   "From: <sip:carol@example.com>;tag=c9\n"
                   "To: <sip:bob@example.com>%s\n"
                   "Call-ID: ack2xx@10.0.0.9\n"
                   "CSeq: %d %s\n"
                   "Content-Length: 0\n\n",
                   method, branch, to_tag, cseq, cseq_method);
}

static osip_event_t *response(osip_transaction_t *tr, int code, int cseq) {
  osip_event_t *evt = h_evt_outf("SIP/2.0 %d Some Reason\n"
                                 "Via: SIP/2.0/UDP 10.0.0.9;branch=z9hG4bKinv%d\n"
                                 "From: <sip:carol@example.com>;tag=c9\n"
                                 "To: <sip:bob@example.com>;tag=b9\n"
                                 "Call-ID: ack2xx@10.0.0.9\n"
                                 "CSeq: %d INVITE\n"
                                 "Contact: <sip:bob@10.0.0.2>\n"
                                 "Content-Length: 0\n\n",
                                 code, cseq, cseq);
  evt->transactionid = tr->transactionid;
  return evt;
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr, *tr2;

  h_init(&osip);
  h_kill_remove = 0;
  h_send_verbose = 0;

  h_step("a response executed in PRE_PROCEEDING is dropped");
  tr = h_create_add(osip, request("INVITE", "z9hG4bKinv1", 1, "INVITE", ""));
  h_exec(tr, response(tr, 180, 1));
  h_tr(tr);
  osip_ist_execute(osip);
  h_step("ACK in PROCEEDING is dropped");
  h_find_add(osip, request("ACK", "z9hG4bKinv1", 1, "ACK", ";tag=b9"));
  osip_ist_execute(osip);
  h_step("180 then 200");
  h_find_add(osip, response(tr, 180, 1));
  h_find_add(osip, response(tr, 200, 1));
  osip_ist_execute(osip);
  h_tr(tr);
  h_timeout(osip);
  h_step("ACK for the 2xx with a new branch");
  h_find_add(osip, request("ACK", "z9hG4bKack2", 1, "ACK", ";tag=b9"));
  h_step("ACK reusing the INVITE branch: queued, then dropped");
  h_find_add(osip, request("ACK", "z9hG4bKinv1", 1, "ACK", ";tag=b9"));
  printf("fifo=%d\n", osip_fifo_size(tr->transactionff));
  osip_ist_execute(osip);
  h_step("INVITE retransmission in TERMINATED: dropped");
  h_find_add(osip, request("INVITE", "z9hG4bKinv1", 1, "INVITE", ""));
  osip_ist_execute(osip);
  h_tr(tr);

  h_step("486 then a second final response in COMPLETED");
  tr2 = h_create_add(osip, request("INVITE", "z9hG4bKinv2", 2, "INVITE", ""));
  osip_ist_execute(osip);
  h_find_add(osip, response(tr2, 486, 2));
  osip_ist_execute(osip);
  h_exec(tr2, response(tr2, 500, 2));
  h_exec(tr2, response(tr2, 200, 2));
  h_exec(tr2, response(tr2, 183, 2));
  h_tr(tr2);
  h_step("INVITE in CONFIRMED is dropped");
  h_find_add(osip, request("ACK", "z9hG4bKinv2", 2, "ACK", ";tag=b9"));
  osip_ist_execute(osip);
  h_exec(tr2, request("INVITE", "z9hG4bKinv2", 2, "INVITE", ""));
  h_step("timer H due in CONFIRMED: no event; timer I fires");
  h_force(&((osip_ist_t *) tr2->ist_context)->timer_h_start);
  osip_timers_ist_execute(osip);
  printf("fifo=%d\n", osip_fifo_size(tr2->transactionff));
  h_force(&((osip_ist_t *) tr2->ist_context)->timer_i_start);
  h_run(osip);
  h_tr(tr2);
  h_lists(osip);
  h_done(osip);
  return 0;
}
