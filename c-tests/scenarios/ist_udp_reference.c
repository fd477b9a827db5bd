/* IST over UDP, reference trace S3: find before creation fails; INVITE
 * received; retransmission before any response (INVITE_RECEIVED_AGAIN
 * only); an outgoing 100 without transaction id matches nothing, with it it
 * is sent to the Via's received address and port; retransmission resends the
 * 100; 603 starts G and H; G forced and timers run twice (queued twice, G
 * doubled twice); ACK (same branch) confirms and starts I; a second ACK is
 * ACK_RECEIVED_AGAIN and restarts I; CANCEL with the same branch does not
 * match; I fires: TERMINATED and killed. */
#include "harness.h"

#define TOPVIA "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKist1;received=9.9.9.9\n"
#define HDRS                                   \
  "From: <sip:carol@example.com>;tag=c1\n"     \
  "To: <sip:bob@example.com>\n"                \
  "Call-ID: ist1@10.0.0.9\n"

static const char *invite = "INVITE sip:bob@10.0.0.2 SIP/2.0\n" TOPVIA HDRS "CSeq: 5 INVITE\n"
                            "Contact: <sip:carol@10.0.0.9:5062>\n"
                            "Content-Length: 0\n\n";

static osip_event_t *response(int code, const char *reason, int tid) {
  osip_event_t *evt = h_evt_outf("SIP/2.0 %d %s\n" TOPVIA "From: <sip:carol@example.com>;tag=c1\n"
                                 "To: <sip:bob@example.com>%s\n"
                                 "Call-ID: ist1@10.0.0.9\n"
                                 "CSeq: 5 INVITE\n"
                                 "Content-Length: 0\n\n",
                                 code, reason, code == 100 ? "" : ";tag=b1");
  evt->transactionid = tid;
  return evt;
}

static const char *ack = "ACK sip:bob@10.0.0.2 SIP/2.0\n" TOPVIA "From: <sip:carol@example.com>;tag=c1\n"
                         "To: <sip:bob@example.com>;tag=b1\n"
                         "Call-ID: ist1@10.0.0.9\n"
                         "CSeq: 5 ACK\n"
                         "Content-Length: 0\n\n";

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr;
  osip_event_t *evt;
  osip_ist_t *ist;

  h_init(&osip);
  h_step("find before creation");
  evt = h_evt_in(invite);
  printf("find+add -> %d\n", osip_find_transaction_and_add_event(osip, evt));
  h_step("create the IST");
  tr = h_create_add(osip, evt);
  ist = tr->ist_context;
  h_tr(tr);
  h_lists(osip);
  h_timeout(osip);
  osip_ist_execute(osip);
  h_tr(tr);

  h_step("INVITE retransmitted before any response");
  h_find_add(osip, h_evt_in(invite));
  osip_ist_execute(osip);

  h_step("100 Trying without transaction id");
  h_find_add(osip, response(100, "Trying", 0));
  h_step("100 Trying with the transaction id");
  h_find_add(osip, response(100, "Trying", tr->transactionid));
  osip_ist_execute(osip);
  h_step("INVITE retransmitted: the 100 is resent");
  h_find_add(osip, h_evt_in(invite));
  osip_ist_execute(osip);

  h_step("603 Decline");
  h_find_add(osip, response(603, "Decline", tr->transactionid));
  osip_ist_execute(osip);
  h_tr(tr);
  h_timeout(osip);

  h_step("timer G forced, timers run twice");
  h_force(&ist->timer_g_start);
  osip_timers_ist_execute(osip);
  osip_timers_ist_execute(osip);
  printf("fifo=%d\n", osip_fifo_size(tr->transactionff));
  osip_ist_execute(osip);
  h_tr(tr);

  h_step("INVITE retransmitted in COMPLETED: the 603 is resent");
  h_find_add(osip, h_evt_in(invite));
  osip_ist_execute(osip);

  h_step("ACK: no transaction is created for it");
  evt = h_evt_in(ack);
  h_check_null("create for ACK", osip_create_transaction(osip, evt), 1);
  h_find_add(osip, evt);
  osip_ist_execute(osip);
  h_tr(tr);
  h_step("ACK retransmitted: timer I restarts");
  h_force_back(&ist->timer_i_start);
  printf("I start=%s\n", h_timer(&ist->timer_i_start));
  h_find_add(osip, h_evt_in(ack));
  osip_ist_execute(osip);
  printf("I start=%s\n", h_timer(&ist->timer_i_start));
  h_step("timer G/H due in CONFIRMED: nothing");
  h_force_back(&ist->timer_g_start);
  h_force_back(&ist->timer_h_start);
  osip_timers_ist_execute(osip);
  printf("fifo=%d\n", osip_fifo_size(tr->transactionff));
  h_step("CANCEL with the same branch");
  h_find_add(osip, h_evt_in("CANCEL sip:bob@10.0.0.2 SIP/2.0\n" TOPVIA HDRS "CSeq: 5 CANCEL\n"
                            "Content-Length: 0\n\n"));
  h_lists(osip);

  h_step("timer I fires");
  h_force_zero(&ist->timer_i_start);
  h_timeout(osip);
  h_run(osip);
  h_tr(tr);
  h_lists(osip);
  h_done(osip);
  return 0;
}
