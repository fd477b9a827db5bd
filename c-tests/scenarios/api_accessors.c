/* Transaction accessors (spec 5.3, 5.4, 5.9): reserved1..6,
 * your_instance (an alias of reserved1; the your_instance field stays NULL),
 * in/out sockets, SRV record copied wholesale, NAPTR pointer stored,
 * osip_transaction_get_destination for each kind, osip_ict/nict_set_destination
 * taking ownership of an osip_strdup'd string (the previous one is freed),
 * application context, osip_response_get_destination. */
#include "harness.h"

static int markers[8];

static int slot(void *p) {
  int i;

  if (p == NULL)
    return -1;
  for (i = 0; i < 8; i++)
    if (p == &markers[i])
      return i;
  return 99;
}

static osip_transaction_t *make(osip_t *osip, const char *method, int incoming, int n) {
  const char *fmt = "%s sip:bob@dest.example.com:5070 SIP/2.0\n"
                    "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKacc%d\n"
                    "From: <sip:a@example.com>;tag=1\n"
                    "To: <sip:b@example.com>\n"
                    "Call-ID: acc%d@x\n"
                    "CSeq: 1 %s\n"
                    "Content-Length: 0\n\n";
  osip_event_t *evt = incoming ? h_evt_inf(fmt, method, n, n, method) : h_evt_outf(fmt, method, n, n, method);
  osip_transaction_t *tr = osip_create_transaction(osip, evt);

  osip_event_free(evt);
  return tr;
}

static void destination(osip_transaction_t *tr) {
  char *ip = (char *) "unchanged";
  int port = -12345;
  int rc = osip_transaction_get_destination(tr, &ip, &port);

  printf("get_destination tr=%d -> %d ip=%s port=%d\n", h_id(tr), rc, ip == NULL ? "NULL" : ip, port);
}

static void response_destination(const char *via) {
  osip_message_t *resp = h_msgf("SIP/2.0 200 OK\n"
                                "%s"
                                "From: <sip:a@example.com>;tag=1\n"
                                "To: <sip:b@example.com>;tag=2\n"
                                "Call-ID: rd@x\n"
                                "CSeq: 1 INVITE\n"
                                "Content-Length: 0\n\n",
                                via);
  char *addr = (char *) "unchanged";
  int port = -1;

  osip_response_get_destination(resp, &addr, &port);
  printf("response_get_destination [%.*s] -> %s:%d\n", (int) strcspn(via, "\n"), via,
         addr == NULL ? "NULL" : addr, port);
  osip_free(addr);
  osip_message_free(resp);
}

int main(void) {
  osip_t *osip;
  osip_transaction_t *ict, *ist, *nict, *nist;
  osip_srv_record_t *rec;
  osip_naptr_t naptr;
  int (*setters[6])(osip_transaction_t *, void *) = {
      osip_transaction_set_reserved1, osip_transaction_set_reserved2, osip_transaction_set_reserved3,
      osip_transaction_set_reserved4, osip_transaction_set_reserved5, osip_transaction_set_reserved6};
  void *(*getters[6])(osip_transaction_t *) = {
      osip_transaction_get_reserved1, osip_transaction_get_reserved2, osip_transaction_get_reserved3,
      osip_transaction_get_reserved4, osip_transaction_get_reserved5, osip_transaction_get_reserved6};
  int i;

  h_init(&osip);
  ict = make(osip, "INVITE", 0, 1);
  nict = make(osip, "BYE", 0, 2);
  ist = make(osip, "INVITE", 1, 3);
  nist = make(osip, "BYE", 1, 4);

  h_step("reserved1..6 and your_instance");
  for (i = 0; i < 6; i++)
    printf("set_reserved%d -> %d\n", i + 1, setters[i](ict, &markers[i]));
  for (i = 0; i < 6; i++)
    printf("get_reserved%d -> slot %d\n", i + 1, slot(getters[i](ict)));
  printf("get_your_instance -> slot %d\n", slot(osip_transaction_get_your_instance(ict)));
  printf("set_your_instance -> %d\n", osip_transaction_set_your_instance(ict, &markers[7]));
  printf("get_your_instance -> slot %d, reserved1 -> slot %d, field your_instance -> slot %d\n",
         slot(osip_transaction_get_your_instance(ict)), slot(osip_transaction_get_reserved1(ict)),
         slot(ict->your_instance));
  printf("fields: reserved2 slot %d, reserved6 slot %d\n", slot(ict->reserved2), slot(ict->reserved6));
  printf("set_reserved3(NULL value) -> %d\n", osip_transaction_set_reserved3(ict, NULL));
  printf("get_reserved3 -> slot %d\n", slot(osip_transaction_get_reserved3(ict)));

  h_step("sockets");
  printf("set_in_socket -> %d\n", osip_transaction_set_in_socket(nist, 7));
  printf("set_out_socket -> %d\n", osip_transaction_set_out_socket(nist, -1));
  printf("in=%d out=%d\n", nist->in_socket, nist->out_socket);

  h_step("SRV record and NAPTR");
  rec = calloc(1, sizeof(*rec));
  strcpy(rec->name, "_sip._udp.example.com");
  rec->srv_state = OSIP_SRV_STATE_COMPLETED;
  strcpy(rec->srventry[9].ipaddress, "192.0.2.99");
  rec->srventry[9].port = 5099;
  rec->index = 3;
  printf("set_srv_record -> %d\n", osip_transaction_set_srv_record(nict, rec));
  strcpy(rec->name, "changed afterwards");
  printf("record: name=%s state=%d index=%d entry9=%s:%d (a copy: %s)\n", nict->record.name,
         nict->record.srv_state, nict->record.index, nict->record.srventry[9].ipaddress,
         nict->record.srventry[9].port, memcmp(&nict->record, rec, sizeof(*rec)) != 0 ? "yes" : "no");
  free(rec);
  printf("set_naptr_record -> %d\n", osip_transaction_set_naptr_record(nict, &naptr));
  printf("stored pointer is ours: %d\n", nict->naptr_record == &naptr);
  printf("set_naptr_record(NULL) -> %d\n", osip_transaction_set_naptr_record(nict, NULL));
  printf("now NULL: %d\n", nict->naptr_record == NULL);

  h_step("destinations");
  destination(ict);
  destination(nict);
  destination(ist);
  destination(nist);
  printf("ict_set_destination -> %d\n", osip_ict_set_destination(ict->ict_context, osip_strdup("10.9.9.1"), 1111));
  destination(ict);
  printf("ict_set_destination -> %d\n", osip_ict_set_destination(ict->ict_context, osip_strdup("10.9.9.2"), 2222));
  destination(ict);
  printf("nict_set_destination(NULL) -> %d\n", osip_nict_set_destination(nict->nict_context, NULL, 0));
  destination(nict);
  printf("nict_set_destination -> %d\n", osip_nict_set_destination(nict->nict_context, osip_strdup("h"), 3));
  destination(nict);
  printf("ict_set_destination(NULL ctx) -> %d\n", osip_ict_set_destination(NULL, NULL, 1));
  printf("nict_set_destination(NULL ctx) -> %d\n", osip_nict_set_destination(NULL, NULL, 1));
  destination(NULL);

  h_step("application context");
  printf("get before -> slot %d\n", slot(osip_get_application_context(osip)));
  osip_set_application_context(osip, &markers[5]);
  printf("get after -> slot %d\n", slot(osip_get_application_context(osip)));
  printf("get NULL -> slot %d\n", slot(osip_get_application_context(NULL)));

  h_step("osip_response_get_destination");
  response_destination("Via: SIP/2.0/UDP 10.0.0.1:5062;maddr=239.0.0.1;received=9.9.9.9;rport=7000\n");
  response_destination("Via: SIP/2.0/UDP 10.0.0.1:5062;received=9.9.9.9;rport\n");
  response_destination("Via: SIP/2.0/UDP 10.0.0.1;rport=7001\n");
  response_destination("Via: SIP/2.0/UDP host.example.com\n");
  response_destination("Via: SIP/2.0/UDP 10.0.0.1:5062;received\n");
  response_destination("Via: SIP/2.0/UDP 10.0.0.1:5062;maddr\n");
  response_destination("X-Via: none\n");
  h_done(osip);
  return 0;
}
