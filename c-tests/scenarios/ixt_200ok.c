/* Out-of-transaction 2xx retransmissions, reference trace S5: the record
 * takes its destination from the 200's top Via (received, rport), its first
 * send is due 510 ms after the start, each send doubles the interval up to
 * 4 s, deadlines advance from the previous deadline (a late pass catches
 * up one send at a time), send results are ignored, and the record goes
 * away after its tenth send (or at once when the application zeroes its
 * counter). */
#include "dialog_show.h"

static const char *invite =
    "INVITE sip:bob@example.com SIP/2.0\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKx1;received=9.9.9.9;rport=7777\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>\n"
    "Call-ID: ixt1@h\n"
    "CSeq: 5 INVITE\n"
    "Contact: <sip:carol@10.0.0.9>\n"
    "Content-Length: 0\n\n";

static const char *ok =
    "SIP/2.0 200 OK\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bKx1;received=9.9.9.9;rport=7777\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>;tag=b1\n"
    "Call-ID: ixt1@h\n"
    "CSeq: 5 INVITE\n"
    "Contact: <sip:bob@10.0.0.2>\n"
    "Content-Length: 0\n\n";

static const char *ok_maddr =
    "SIP/2.0 200 OK\n"
    "Via: SIP/2.0/TCP 10.0.0.9;branch=z9hG4bKx2;maddr=239.1.1.1;received=9.9.9.9\n"
    "From: <sip:carol@example.com>;tag=c1\n"
    "To: <sip:bob@example.com>;tag=b1\n"
    "Call-ID: ixt1@h\n"
    "CSeq: 6 INVITE\n"
    "Content-Length: 0\n\n";

static long long us(const struct timeval *tv) {
  return (long long) tv->tv_sec * 1000000 + tv->tv_usec;
}

static ixt_t *first(osip_t *osip) {
  return (ixt_t *) osip_list_get(&osip->ixt_retransmissions, 0);
}

int main(void) {
  osip_t *osip;
  osip_message_t *inv, *resp, *resp2;
  osip_dialog_t *d;
  struct timeval t0, t1;
  struct show_names names = {1, {NULL}, {"d"}};
  int i;

  h_init(&osip);
  inv = h_msg(invite);
  resp = h_msg(ok);
  resp2 = h_msg(ok_maddr);
  show_rc("init_as_uas", osip_dialog_init_as_uas(&d, inv, resp));
  names.dialogs[0] = d;

  h_step("start: destination from the Via, first send 510 ms later");
  osip_gettimeofday(&t0, NULL);
  osip_start_200ok_retransmissions(osip, d, resp, 42);
  osip_gettimeofday(&t1, NULL);
  printf("first deadline within [start+510 ms]: %s\n",
         us(&first(osip)->start) >= us(&t0) + 510000 && us(&first(osip)->start) <= us(&t1) + 510000 ? "yes" : "no");
  printf("msg2xx is a copy: %s\n", first(osip)->msg2xx != resp ? "yes" : "no");
  show_ixt(osip, &names);
  h_lists(osip);

  h_step("not due: nothing happens");
  osip_retransmissions_execute(osip);
  show_ixt(osip, &names);

  h_step("ten sends, then the record is gone");
  for (i = 1; i <= 10; i++) {
    if (i == 2)
      h_send_verbose = 0;
    if (i == 3)
      h_send_next(-1);
    printf("-- pass %d\n", i);
    show_force_ixt(osip);
    osip_retransmissions_execute(osip);
    show_ixt(osip, &names);
  }

  h_step("a late pass sends once and keeps the old schedule");
  osip_start_200ok_retransmissions(osip, d, resp, 43);
  h_force(&first(osip)->start);
  first(osip)->start.tv_sec -= 3;
  for (i = 1; i <= 4; i++) {
    osip_retransmissions_execute(osip);
    show_ixt(osip, &names);
  }

  h_step("maddr wins over received; no rport and no Via port: 5060");
  osip_start_200ok_retransmissions(osip, NULL, resp2, -1);
  show_ixt(osip, &names);

  h_step("a counter zeroed by the application drops the record unsent");
  first(osip)->counter = 0;
  osip_retransmissions_execute(osip);
  show_ixt(osip, &names);

  h_step("a counter of one: one last send");
  first(osip)->counter = 1;
  show_force_ixt(osip);
  osip_retransmissions_execute(osip);
  show_ixt(osip, &names);

  osip_dialog_free(d);
  osip_message_free(inv);
  osip_message_free(resp);
  osip_message_free(resp2);
  h_done(osip);
  return 0;
}
