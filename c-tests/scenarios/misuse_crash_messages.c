/* oracle: crashes */
/* Messages libosip2 dereferences without checking (spec H4, H7, H8, H9,
 * H12): an ICT/NICT request without request-URI and without a usable Route;
 * a response in an event typed as a request, without CSeq; a CSeq without
 * method; a request without method reaching the RFC 2543 matcher; an ACK
 * without To reaching it; osip_transaction_free with config NULL. */
#include "harness.h"

static const char *invite2543 = "INVITE sip:b@example.com SIP/2.0\n"
                                "Via: SIP/2.0/UDP 10.0.0.9:5062\n"
                                "From: <sip:a@example.com>;tag=1\n"
                                "To: <sip:b@example.com>\n"
                                "Call-ID: m2543@x\n"
                                "CSeq: 1 INVITE\n"
                                "Content-Length: 0\n\n";

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr, *ist;
  osip_event_t *evt;
  osip_message_t *req;
  int rc;

  h_init(&osip);

  h_step("request-URI NULL, Route without lr (H4)");
  req = h_msg("INVITE sip:b@example.com SIP/2.0\n"
              "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKnouri\n"
              "Route: <sip:strict.example.com>\n"
              "From: <sip:a@example.com>;tag=1\n"
              "To: <sip:b@example.com>\n"
              "Call-ID: nouri@x\n"
              "CSeq: 1 INVITE\n"
              "Content-Length: 0\n\n");
  osip_uri_free(req->req_uri);
  req->req_uri = NULL;
  tr = (osip_transaction_t *) &rc;
  h_check_int("init ICT", osip_transaction_init(&tr, ICT, osip, req), -2);
  h_check_null("  *tr", tr, 1);
  tr = (osip_transaction_t *) &rc;
  h_check_int("init NICT", osip_transaction_init(&tr, NICT, osip, req), -2);
  h_check_null("  *tr", tr, 1);
  tr = NULL;
  h_check_int("init NIST (no destination needed)", osip_transaction_init(&tr, NIST, osip, req), 0);
  h_free(tr);
  osip_message_free(req);
  h_lists(osip);

  h_step("a response without CSeq in an event typed RCV_REQINVITE (H7)");
  evt = h_evt_in("SIP/2.0 200 OK\n"
                 "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKh7\n"
                 "From: <sip:a@example.com>;tag=1\n"
                 "To: <sip:b@example.com>;tag=2\n"
                 "Call-ID: h7@x\n"
                 "Content-Length: 0\n\n");
  evt->type = RCV_REQINVITE;
  h_check_null("create_transaction", osip_create_transaction(osip, evt), 1);
  osip_event_free(evt);

  h_step("CSeq without method (H8)");
  evt = h_evt_in(invite2543);
  osip_free(evt->sip->cseq->method);
  evt->sip->cseq->method = NULL;
  h_check_int("find_transaction_and_add_event", osip_find_transaction_and_add_event(osip, evt), -1);
  h_check_null("create_transaction", osip_create_transaction(osip, evt), 1);
  osip_event_free(evt);

  h_step("RFC 2543 matcher: request without method, ACK without To (H9)");
  ist = h_create_add(osip, h_evt_in(invite2543));
  osip_ist_execute(osip);
  evt = h_evt_in(invite2543);
  osip_free(evt->sip->sip_method);
  evt->sip->sip_method = NULL;
  h_check_null("find (method NULL)", osip_transaction_find(&osip->osip_ist_transactions, evt), 1);
  h_check_int("find+add (method NULL)", osip_find_transaction_and_add_event(osip, evt), -1);
  osip_event_free(evt);
  evt = h_evt_in("ACK sip:b@example.com SIP/2.0\n"
                 "Via: SIP/2.0/UDP 10.0.0.9:5062\n"
                 "From: <sip:a@example.com>;tag=1\n"
                 "To: <sip:b@example.com>;tag=9\n"
                 "Call-ID: m2543@x\n"
                 "CSeq: 1 ACK\n"
                 "Content-Length: 0\n\n");
  osip_to_free(evt->sip->to);
  evt->sip->to = NULL;
  h_check_null("find (ACK without To)", osip_transaction_find(&osip->osip_ist_transactions, evt), 1);
  osip_event_free(evt);

  h_step("osip_transaction_free with config NULL (H12)");
  h_check_int("remove", osip_remove_transaction(osip, ist), 0);
  ist->config = NULL;
  h_check_int("free", osip_transaction_free(ist), 0);
  h_lists(osip);
  h_done(osip);
  return h_exit_status();
}
