/* Next-hop destination of ICT/NICT (spec 5.1.1, 5.3, 7.1 step 4): first
 * Route only with lr (its port or 5060; a maddr on the Route is ignored);
 * request-URI maddr, x-obr/x-obp, host and port (sips: and transport=
 * ignored); osip_ict/nict_set_destination (as eXosip does after DNS)
 * redirects the first send, the retransmissions and the ACK; an ICT whose
 * destination was cleared computes the ACK's from the ACK itself. */
#include "harness.h"

static osip_t *osip;

static osip_transaction_t *client(const char *method, const char *uri, const char *routes, int n) {
  osip_transaction_t *tr = h_create_add(osip, h_evt_outf("%s %s SIP/2.0\n"
                                                         "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKdst%d\n"
                                                         "%s"
                                                         "From: <sip:a@example.com>;tag=1\n"
                                                         "To: <sip:b@example.com>\n"
                                                         "Call-ID: dst%d@x\n"
                                                         "CSeq: 1 %s\n"
                                                         "Content-Length: 0\n\n",
                                                         method, uri, n, routes, n, method));
  char *ip = NULL;
  int port = 0;

  osip_transaction_get_destination(tr, &ip, &port);
  printf("tr=%d %s %s | %s-> %s:%d\n", tr->transactionid, method, uri, routes[0] ? "routes " : "",
         ip == NULL ? "NULL" : ip, port);
  return tr;
}

static osip_event_t *response(int n, int code) {
  return h_evt_inf("SIP/2.0 %d Reason\n"
                   "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKdst%d\n"
                   "From: <sip:a@example.com>;tag=1\n"
                   "To: <sip:b@example.com>;tag=2\n"
                   "Call-ID: dst%d@x\n"
                   "CSeq: 1 INVITE\n"
                   "Content-Length: 0\n\n",
                   code, n, n);
}

int main(void) {
  osip_transaction_t *tr;

  h_init(&osip);
  h_send_verbose = 0;
  h_step("computed destinations");
  client("INVITE", "sip:b@host.example.com", "", 1);
  client("INVITE", "sip:b@host.example.com:5070", "", 2);
  client("INVITE", "sips:b@host.example.com;transport=tcp", "", 3);
  client("INVITE", "sip:b@host.example.com:5070;maddr=10.1.1.1", "", 4);
  client("INVITE", "sip:b@host.example.com:5070;x-obr=10.2.2.2;x-obp=6000", "", 5);
  client("INVITE", "sip:b@host.example.com;x-obr=10.2.2.2", "", 6);
  client("INVITE", "sip:b@host.example.com;maddr=10.1.1.1;x-obr=10.2.2.2;x-obp=6000", "", 7);
  client("INVITE", "sip:b@host.example.com", "Route: <sip:p1.example.com;lr>\n", 8);
  client("INVITE", "sip:b@host.example.com", "Route: <sip:p1.example.com:5081;lr;maddr=10.3.3.3>\n", 9);
  client("INVITE", "sip:b@host.example.com:5999", "Route: <sip:p1.example.com:5081>\n", 10);
  client("INVITE", "sip:b@host.example.com", "Route: <sip:p1.example.com;LR=on>\nRoute: <sip:p2;lr>\n", 11);
  client("OPTIONS", "sip:b@host.example.com;maddr=10.1.1.9", "Route: <sip:p3.example.com:7000;lr>\n", 12);
  client("OPTIONS", "sip:b@host.example.com:5072", "", 13);
  h_done(osip);

  h_init(&osip);
  h_send_verbose = 0;
  h_step("osip_ict_set_destination before the first send and between retransmissions");
  tr = client("INVITE", "sip:b@host.example.com", "", 20);
  osip_ict_set_destination(tr->ict_context, osip_strdup("192.0.2.20"), 5020);
  h_run(osip);
  osip_ict_set_destination(tr->ict_context, osip_strdup("192.0.2.21"), 5021);
  h_force(&((osip_ict_t *) tr->ict_context)->timer_a_start);
  h_run(osip);
  h_find_add(osip, response(20, 404));
  h_run(osip);
  osip_ict_set_destination(tr->ict_context, osip_strdup("192.0.2.22"), 5022);
  h_find_add(osip, response(20, 404));
  h_run(osip);

  h_step("osip_nict_set_destination between retransmissions");
  tr = client("OPTIONS", "sip:b@host.example.com", "", 21);
  h_run(osip);
  osip_nict_set_destination(tr->nict_context, osip_strdup("192.0.2.23"), 5023);
  h_force_back(&((osip_nict_t *) tr->nict_context)->timer_e_start);
  h_run(osip);

  h_step("destination cleared: the ACK's is computed from the ACK (loose Route)");
  tr = client("INVITE", "sip:b@host.example.com", "Route: <sip:edge.example.com:5090;lr>\n", 22);
  h_run(osip);
  osip_ict_set_destination(tr->ict_context, NULL, 0);
  h_find_add(osip, response(22, 480));
  h_run(osip);
  h_tr(tr);
  h_step("destination cleared: the ACK's from its request-URI maddr");
  tr = client("INVITE", "sip:b@host.example.com:5071;maddr=10.9.9.9", "Route: <sip:strict.example.com>\n", 23);
  h_run(osip);
  osip_ict_set_destination(tr->ict_context, NULL, 0);
  h_find_add(osip, response(23, 480));
  h_run(osip);
  h_tr(tr);
  h_done(osip);
  return 0;
}
