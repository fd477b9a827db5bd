/* osip_timers_gettimeout includes the deadlines of 2xx/ACK retransmission
 * records (spec 9.4 step 6): the earliest armed one counts, a record with
 * tv_sec -1 is ignored, a due record gives {0,0}, and an empty list leaves
 * the one-year default. */
#include "dialog_show.h"

static const char *ok =
    "SIP/2.0 200 OK\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKt1\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>;tag=b1\n"
    "Call-ID: t1@h\n"
    "CSeq: 5 INVITE\n"
    "Content-Length: 0\n\n";

/* Deadline of the record at `pos` := now + ms. */
static void due_in(osip_t *osip, int pos, int ms) {
  ixt_t *x = (ixt_t *) osip_list_get(&osip->ixt_retransmissions, pos);

  h_force(&x->start);
  add_gettimeofday(&x->start, ms);
}

int main(void) {
  osip_t *osip;
  osip_message_t *resp;
  struct show_names names = {0, {NULL}, {NULL}};

  h_init(&osip);
  resp = h_msg(ok);

  h_step("no record");
  h_timeout(osip);

  h_step("one record, deadline in 1.2 s");
  osip_start_200ok_retransmissions(osip, NULL, resp, 1);
  due_in(osip, 0, 1200);
  h_timeout(osip);

  h_step("an earlier record counts, wherever it is in the list");
  osip_start_ack_retransmissions(osip, NULL, resp, "10.0.0.1", 5060, 2);
  due_in(osip, 0, 2700);
  h_timeout(osip);
  due_in(osip, 1, 3700);
  due_in(osip, 0, 700);
  h_timeout(osip);

  h_step("a disarmed record (tv_sec -1) is ignored");
  ((ixt_t *) osip_list_get(&osip->ixt_retransmissions, 0))->start.tv_sec = -1;
  h_timeout(osip);

  h_step("a due record: {0,0}");
  due_in(osip, 1, 0);
  h_timeout(osip);
  show_ixt(osip, &names);

  h_step("all stopped: the default again");
  osip_stop_retransmissions_from_dialog(osip, NULL);
  h_timeout(osip);

  osip_message_free(resp);
  h_done(osip);
  return 0;
}
