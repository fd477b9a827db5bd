/* osip_create_transaction (spec 8.6): incoming request → IST/NIST by CSeq
 * method, outgoing → ICT/NICT; never for ACK; a request whose method differs
 * from the CSeq method is discarded with a WARNING; a response event → ERROR
 * "Cannot build a transaction"; the event is not queued but gets the new
 * transaction id; ids increase per osip_t; missing mandatory headers make
 * osip_transaction_init fail. Lists after creation and removal. */
#include "harness.h"

static osip_t *osip;

static void create(const char *label, osip_event_t *evt) {
  osip_transaction_t *tr = osip_create_transaction(osip, evt);

  printf("%-36s -> tr=%d ctx_type=%d evt.tid=%d fifo=%d\n", label, h_id(tr), tr ? (int) tr->ctx_type : -1,
         evt->transactionid, tr ? osip_fifo_size(tr->transactionff) : -1);
  osip_event_free(evt);
}

static const char *request(const char *method, const char *cseq_method, const char *extra) {
  static char buf[1024];

  snprintf(buf, sizeof(buf),
           "%s sip:b@example.com SIP/2.0\n"
           "%s"
           "From: <sip:a@example.com>;tag=1\n"
           "To: <sip:b@example.com>\n"
           "CSeq: 1 %s\n"
           "Content-Length: 0\n\n",
           method, extra, cseq_method);
  return buf;
}

#define STD "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKcr\nCall-ID: cr@x\n"

int main(void) {
  osip_t *other;
  osip_transaction_t *tr;
  osip_event_t *evt;

  h_init(&osip);
  h_step("incoming");
  create("INVITE", h_evt_in(request("INVITE", "INVITE", STD)));
  create("BYE", h_evt_in(request("BYE", "BYE", STD)));
  create("CANCEL", h_evt_in(request("CANCEL", "CANCEL", STD)));
  create("ACK", h_evt_in(request("ACK", "ACK", STD)));
  create("INVITE with CSeq BYE", h_evt_in(request("INVITE", "BYE", STD)));
  create("ACK with CSeq INVITE", h_evt_in(request("ACK", "INVITE", STD)));
  create("invite (lower case)", h_evt_in(request("invite", "invite", STD)));
  create("response 200", h_evt_in("SIP/2.0 200 OK\n" STD "From: <sip:a@example.com>;tag=1\n"
                                  "To: <sip:b@example.com>;tag=2\nCSeq: 1 INVITE\nContent-Length: 0\n\n"));
  h_step("outgoing");
  create("INVITE", h_evt_out_text(request("INVITE", "INVITE", STD)));
  create("REGISTER", h_evt_out_text(request("REGISTER", "REGISTER", STD)));
  create("ACK", h_evt_out_text(request("ACK", "ACK", STD)));
  create("OPTIONS with CSeq INFO", h_evt_out_text(request("OPTIONS", "INFO", STD)));
  create("response 180", h_evt_out_text("SIP/2.0 180 Ringing\n" STD "From: <sip:a@example.com>;tag=1\n"
                                        "To: <sip:b@example.com>;tag=2\nCSeq: 1 INVITE\nContent-Length: 0\n\n"));
  h_step("missing headers");
  create("no Via", h_evt_in(request("INVITE", "INVITE", "Call-ID: cr@x\n")));
  create("no Call-ID", h_evt_in(request("INVITE", "INVITE", "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKcr\n")));
  create("no From", h_evt_in("OPTIONS sip:b@example.com SIP/2.0\n" STD "To: <sip:b@example.com>\n"
                             "CSeq: 1 OPTIONS\nContent-Length: 0\n\n"));
  create("no To", h_evt_in("OPTIONS sip:b@example.com SIP/2.0\n" STD "From: <sip:a@example.com>\n"
                           "CSeq: 1 OPTIONS\nContent-Length: 0\n\n"));
  create("no CSeq", h_evt_in("OPTIONS sip:b@example.com SIP/2.0\n" STD "From: <sip:a@example.com>\n"
                             "To: <sip:b@example.com>\nContent-Length: 0\n\n"));
  create("OPTIONS after the failures", h_evt_in(request("OPTIONS", "OPTIONS", STD)));
  h_check_null("create NULL event", osip_create_transaction(osip, NULL), 1);
  evt = h_evt_plain(RCV_REQINVITE, 0);
  h_check_null("create event without message", osip_create_transaction(osip, evt), 1);
  osip_free(evt);
  h_lists(osip);

  h_step("removal keeps the order of the others");
  tr = osip_list_get(&osip->osip_ist_transactions, 0);
  printf("remove tr=%d -> %d\n", h_id(tr), osip_remove_transaction(osip, tr));
  h_lists(osip);
  printf("remove tr=%d again -> %d\n", h_id(tr), osip_remove_transaction(osip, tr));
  h_free(tr);
  tr = osip_list_get(&osip->osip_nist_transactions, 1);
  h_free(tr);
  h_lists(osip);

  h_step("a second osip_t numbers its transactions from 1");
  osip_init(&other);
  evt = h_evt_in(request("OPTIONS", "OPTIONS", STD));
  tr = osip_create_transaction(other, evt);
  printf("other osip: tr=%d config is other=%d\n", h_id(tr), tr != NULL && tr->config == other);
  osip_event_free(evt);
  osip_transaction_free(tr);
  osip_release(other);
  h_done(osip);
  return 0;
}
