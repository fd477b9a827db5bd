/* CANCEL on the server side (spec 8.5): the CANCEL shares the INVITE's
 * branch but never matches the IST; it gets its own NIST (CANCEL_RECEIVED),
 * answered 200 there while the INVITE is answered 487 by the IST; the ACK
 * for the 487 goes to the IST; a CANCEL retransmission matches the NIST
 * (REQUEST_RECEIVED_AGAIN and the 200 again); an INVITE retransmission still
 * matches the IST. The client side in match_client_responses. */
#include "harness.h"

static osip_t *osip;

static const char *req(const char *method, const char *cseq_method, const char *to_tag) {
  static char buf[1024];

  snprintf(buf, sizeof(buf),
           "%s sip:bob@10.0.0.2 SIP/2.0\n"
           "Via: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bKcancel1\n"
           "From: <sip:carol@example.com>;tag=cc\n"
           "To: <sip:bob@example.com>%s\n"
           "Call-ID: cancel@10.0.0.9\n"
           "CSeq: 8 %s\n"
           "Content-Length: 0\n\n",
           method, to_tag, cseq_method);
  return buf;
}

static osip_event_t *resp(osip_transaction_t *tr, const char *status, const char *method) {
  osip_event_t *evt = h_evt_outf("SIP/2.0 %s\n"
                                 "Via: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bKcancel1\n"
                                 "From: <sip:carol@example.com>;tag=cc\n"
                                 "To: <sip:bob@example.com>;tag=bb\n"
                                 "Call-ID: cancel@10.0.0.9\n"
                                 "CSeq: 8 %s\n"
                                 "Content-Length: 0\n\n",
                                 status, method);
  evt->transactionid = tr->transactionid;
  return evt;
}

int main(void) {
  osip_transaction_t *ist, *nist;
  osip_event_t *evt;

  h_init(&osip);
  h_send_verbose = 0;
  ist = h_create_add(osip, h_evt_in(req("INVITE", "INVITE", "")));
  osip_ist_execute(osip);
  h_find_add(osip, resp(ist, "180 Ringing", "INVITE"));
  osip_ist_execute(osip);

  h_step("CANCEL");
  evt = h_evt_in(req("CANCEL", "CANCEL", ""));
  printf("find+add -> %d\n", osip_find_transaction_and_add_event(osip, evt));
  nist = h_create_add(osip, evt);
  osip_nist_execute(osip);
  h_lists(osip);
  h_step("200 for the CANCEL, 487 for the INVITE");
  h_find_add(osip, resp(nist, "200 OK", "CANCEL"));
  h_find_add(osip, resp(ist, "487 Request Terminated", "INVITE"));
  h_exec_all(osip);
  h_step("ACK for the 487, CANCEL and INVITE retransmissions");
  h_find_add(osip, h_evt_in(req("ACK", "ACK", ";tag=bb")));
  h_find_add(osip, h_evt_in(req("CANCEL", "CANCEL", "")));
  h_find_add(osip, h_evt_in(req("INVITE", "INVITE", "")));
  h_exec_all(osip);
  h_tr(ist);
  h_tr(nist);
  h_done(osip);
  return 0;
}
