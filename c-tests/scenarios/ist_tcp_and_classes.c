/* IST over TCP: timer G is never armed (-1), I is 0, so the ACK leads to an
 * immediate termination; timer H (no ACK) over UDP; final-response classes
 * 3xx/4xx/5xx/6xx/700 (catch-all) on the server side; responses sent to
 * maddr / received / rport / plain Via host and port. */
#include "harness.h"

static osip_transaction_t *invite(osip_t *osip, const char *via, int n) {
  osip_transaction_t *tr = h_create_add(osip, h_evt_inf("INVITE sip:bob@10.0.0.2 SIP/2.0\n"
                                                        "Via: %s;branch=z9hG4bKcls%d\n"
                                                        "From: <sip:carol@example.com>;tag=c%d\n"
                                                        "To: <sip:bob@example.com>\n"
                                                        "Call-ID: cls%d@10.0.0.9\n"
                                                        "CSeq: %d INVITE\n"
                                                        "Content-Length: 0\n\n",
                                                        via, n, n, n, n));
  osip_ist_execute(osip);
  return tr;
}

static void answer(osip_t *osip, osip_transaction_t *tr, const char *via, int n, int code) {
  osip_event_t *evt = h_evt_outf("SIP/2.0 %d Reason\n"
                                 "Via: %s;branch=z9hG4bKcls%d\n"
                                 "From: <sip:carol@example.com>;tag=c%d\n"
                                 "To: <sip:bob@example.com>;tag=srv\n"
                                 "Call-ID: cls%d@10.0.0.9\n"
                                 "CSeq: %d INVITE\n"
                                 "Content-Length: 0\n\n",
                                 code, via, n, n, n, n);

  evt->transactionid = tr->transactionid;
  h_find_add(osip, evt);
  osip_ist_execute(osip);
}

static osip_event_t *ack(const char *via, int n) {
  return h_evt_inf("ACK sip:bob@10.0.0.2 SIP/2.0\n"
                   "Via: %s;branch=z9hG4bKcls%d\n"
                   "From: <sip:carol@example.com>;tag=c%d\n"
                   "To: <sip:bob@example.com>;tag=srv\n"
                   "Call-ID: cls%d@10.0.0.9\n"
                   "CSeq: %d ACK\n"
                   "Content-Length: 0\n\n",
                   via, n, n, n, n);
}

int main(void) {
  static const char *tcp = "SIP/2.0/TCP 10.0.0.9:5070";
  static const char *vias[] = {
      "SIP/2.0/UDP 10.0.0.9:5070;maddr=239.1.1.1;received=9.9.9.9;rport=7000",
      "SIP/2.0/UDP 10.0.0.9:5070;received=9.9.9.9;rport=7000",
      "SIP/2.0/UDP 10.0.0.9:5070;rport",
      "SIP/2.0/UDP 10.0.0.9",
      "SIP/2.0/UDP host.example.com:5071;received=9.9.9.8",
  };
  static const int codes[] = {301, 480, 504, 600, 700};
  osip_t *osip;
  osip_transaction_t *tr;
  int i;

  h_init(&osip);
  h_send_verbose = 0;

  h_step("TCP: 486, no timer G");
  tr = invite(osip, tcp, 1);
  h_tr(tr);
  answer(osip, tr, tcp, 1, 486);
  h_tr(tr);
  h_timeout(osip);
  h_step("TCP: ACK, timer I is 0");
  h_find_add(osip, ack(tcp, 1));
  osip_ist_execute(osip);
  h_tr(tr);
  h_timeout(osip);
  h_run(osip);
  h_lists(osip);

  for (i = 0; i < 5; i++) {
    h_step("UDP %d via %s", codes[i], vias[i]);
    tr = invite(osip, vias[i], 10 + i);
    answer(osip, tr, vias[i], 10 + i, codes[i]);
  }
  h_lists(osip);
  h_timeout(osip);
  h_step("timer H for the last one (no ACK came)");
  h_force_back(&((osip_ist_t *) tr->ist_context)->timer_h_start);
  h_force_back(&((osip_ist_t *) tr->ist_context)->timer_g_start);
  h_timeout(osip);
  osip_timers_ist_execute(osip);
  printf("fifo=%d (H is checked before G)\n", osip_fifo_size(tr->transactionff));
  osip_ist_execute(osip);
  h_tr(tr);
  h_lists(osip);
  h_done(osip);
  return 0;
}
