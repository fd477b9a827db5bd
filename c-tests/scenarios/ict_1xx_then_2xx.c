/* ICT over UDP: 100 and 180 move CALLING to PROCEEDING, where timers A and
 * B no longer produce events (an ICT that got a 1xx never times out); a 200
 * terminates it without any ACK. A retransmitted 200 is found while the
 * terminated transaction is still listed and silently dropped; once it is
 * removed the 200 matches nothing. */
#include "harness.h"

static const char *resp(int code, const char *reason) {
  static char buf[1024];

  snprintf(buf, sizeof(buf),
           "SIP/2.0 %d %s\n"
           "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKp1\n"
           "From: <sip:alice@example.com>;tag=1\n"
           "To: <sip:bob@example.com>%s\n"
           "Call-ID: p1@10.0.0.1\n"
           "CSeq: 20 INVITE\n"
           "Contact: <sip:bob@192.0.2.5>\n"
           "Content-Length: 0\n\n",
           code, reason, code == 100 ? "" : ";tag=b");
  return buf;
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *tr;
  osip_ict_t *ict;

  h_init(&osip);
  h_send_verbose = 0;
  h_kill_remove = 0;
  tr = h_create_add(osip, h_evt_out_text("INVITE sip:bob@example.com SIP/2.0\n"
                                         "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKp1\n"
                                         "From: <sip:alice@example.com>;tag=1\n"
                                         "To: <sip:bob@example.com>\n"
                                         "Call-ID: p1@10.0.0.1\n"
                                         "CSeq: 20 INVITE\n"
                                         "Content-Length: 0\n\n"));
  ict = tr->ict_context;
  h_run(osip);

  h_step("100 Trying");
  h_find_add(osip, h_evt_in(resp(100, "Trying")));
  h_run(osip);
  h_tr(tr);
  h_step("180 Ringing");
  h_find_add(osip, h_evt_in(resp(180, "Ringing")));
  h_run(osip);
  h_step("timers A and B due in PROCEEDING: no event");
  h_force(&ict->timer_a_start);
  h_force_back(&ict->timer_b_start);
  osip_timers_ict_execute(osip);
  printf("fifo=%d\n", osip_fifo_size(tr->transactionff));
  h_timeout(osip);
  h_step("timeout events executed directly in PROCEEDING: dropped");
  h_exec(tr, h_evt_plain(TIMEOUT_A, tr->transactionid));
  h_exec(tr, h_evt_plain(TIMEOUT_B, tr->transactionid));
  h_step("183 Session Progress executed directly");
  h_exec(tr, h_evt_in(resp(183, "Session Progress")));
  h_tr(tr);

  h_step("200 OK");
  h_find_add(osip, h_evt_in(resp(200, "OK")));
  h_run(osip);
  h_tr(tr);
  h_lists(osip);
  h_step("200 OK retransmitted, transaction still listed");
  h_find_add(osip, h_evt_in(resp(200, "OK")));
  printf("fifo=%d\n", osip_fifo_size(tr->transactionff));
  h_run(osip);
  h_step("a 486 for the terminated transaction");
  h_find_add(osip, h_evt_in(resp(486, "Busy Here")));
  h_run(osip);
  h_step("removed: the 200 matches nothing");
  printf("remove -> %d\n", osip_remove_transaction(osip, tr));
  h_find_add(osip, h_evt_in(resp(200, "OK")));
  h_free(tr);
  h_done(osip);
  return 0;
}
