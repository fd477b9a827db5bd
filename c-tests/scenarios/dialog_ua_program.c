/* A small user agent written only against the public headers, as an
 * application would use dialogs and out-of-transaction retransmissions:
 * a UAS answers an INVITE, retransmits its 200 until the ACK, matches the
 * ACK and a BYE to its dialog; a UAC builds its dialog from a 200 and
 * retransmits its ACK. The application installs its own allocator and
 * replaces dialog strings with its own osip_strdup copies, so every object
 * crossing the API must come from (and go back to) that allocator: the
 * program ends with no allocation outstanding. Standalone (no harness
 * calls), so it links against a library exporting only the public API. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include <osip2/osip.h>
#include <osip2/osip_dialog.h>
#include <osipparser2/osip_parser.h>

static long outstanding;

static void *app_malloc(size_t n) {
  size_t *p = malloc(n + sizeof(size_t) * 2);

  if (p == NULL)
    return NULL;
  outstanding++;
  return p + 2;
}

static void app_free(void *p) {
  if (p == NULL)
    return;
  outstanding--;
  free((size_t *) p - 2);
}

static void *app_realloc(void *p, size_t n) {
  size_t *q;

  if (p == NULL)
    return app_malloc(n);
  q = realloc((size_t *) p - 2, n + sizeof(size_t) * 2);
  return q == NULL ? NULL : q + 2;
}

static int sends;

/* The application's log: warnings and worse, without timestamps. */
static void app_log(const char *file, int line, osip_trace_level_t level, const char *fmt, va_list ap) {
  if (level > OSIP_WARNING)
    return;
  printf("log %s:%d: ", strrchr(file, '/') == NULL ? file : strrchr(file, '/') + 1, line);
  vprintf(fmt, ap);
}

static int send_message(osip_transaction_t *tr, osip_message_t *msg, char *host, int port, int sock) {
  char *text = NULL;
  size_t len = 0;

  sends++;
  osip_message_to_str(msg, &text, &len);
  printf("send #%d (%s) to %s:%d on %d: %.*s\n", sends, tr == NULL ? "no transaction" : "transaction",
         host == NULL ? "?" : host, port, sock, (int) strcspn(text, "\r"), text);
  osip_free(text);
  return 0;
}

static osip_message_t *parse(const char *text) {
  osip_message_t *m;
  char buf[2048];
  size_t i, n = 0;

  /* SIP wants CRLF line ends. */
  for (i = 0; text[i] != '\0' && n + 2 < sizeof(buf); i++) {
    if (text[i] == '\n')
      buf[n++] = '\r';
    buf[n++] = text[i];
  }
  buf[n] = '\0';
  if (osip_message_init(&m) != 0 || osip_message_parse(m, buf, n) != 0) {
    printf("parse error\n");
    exit(1);
  }
  return m;
}

/* Runs the retransmission timer as if `passes` deadlines had passed. */
static void run_timer(osip_t *osip, int passes) {
  int i, j;

  for (i = 0; i < passes; i++) {
    for (j = 0; j < osip_list_size(&osip->ixt_retransmissions); j++)
      osip_gettimeofday(&((ixt_t *) osip_list_get(&osip->ixt_retransmissions, j))->start, NULL);
    osip_retransmissions_execute(osip);
  }
}

static const char *invite =
    "INVITE sip:bob@192.0.2.2 SIP/2.0\n"
    "Via: SIP/2.0/UDP 192.0.2.9:5062;branch=z9hG4bKua1;rport\n"
    "Max-Forwards: 70\n"
    "From: Carol <sip:carol@example.com>;tag=c100\n"
    "To: Bob <sip:bob@example.com>\n"
    "Call-ID: ua-program@192.0.2.9\n"
    "CSeq: 20 INVITE\n"
    "Contact: <sip:carol@192.0.2.9:5062>\n"
    "Content-Length: 0\n\n";

static const char *answer =
    "SIP/2.0 200 OK\n"
    "Via: SIP/2.0/UDP 192.0.2.9:5062;branch=z9hG4bKua1;rport=5062;received=192.0.2.99\n"
    "Record-Route: <sip:proxy.example.com;lr>\n"
    "From: Carol <sip:carol@example.com>;tag=c100\n"
    "To: Bob <sip:bob@example.com>;tag=b200\n"
    "Call-ID: ua-program@192.0.2.9\n"
    "CSeq: 20 INVITE\n"
    "Contact: <sip:bob@192.0.2.2>\n"
    "Content-Length: 0\n\n";

static const char *ack =
    "ACK sip:bob@192.0.2.2 SIP/2.0\n"
    "Via: SIP/2.0/UDP 192.0.2.9:5062;branch=z9hG4bKua2\n"
    "Route: <sip:proxy.example.com;lr>\n"
    "From: Carol <sip:carol@example.com>;tag=c100\n"
    "To: Bob <sip:bob@example.com>;tag=b200\n"
    "Call-ID: ua-program@192.0.2.9\n"
    "CSeq: 20 ACK\n"
    "Content-Length: 0\n\n";

static const char *bye =
    "BYE sip:bob@192.0.2.2 SIP/2.0\n"
    "Via: SIP/2.0/UDP 192.0.2.9:5062;branch=z9hG4bKua3\n"
    "From: Carol <sip:carol@example.com>;tag=c100\n"
    "To: Bob <sip:bob@example.com>;tag=b200\n"
    "Call-ID: ua-program@192.0.2.9\n"
    "CSeq: 21 BYE\n"
    "Content-Length: 0\n\n";

int main(void) {
  osip_t *osip;
  osip_dialog_t *uas, *uac, *stopped;
  osip_message_t *inv, *resp, *in_ack, *in_bye;
  int app_data = 7;

  osip_set_allocators(app_malloc, app_realloc, app_free);
  osip_trace_initialize_func(OSIP_INFO1, app_log);
  if (osip_init(&osip) != 0)
    return 1;
  osip_set_cb_send_message(osip, send_message);

  printf("-- UAS: INVITE answered with 200, retransmitted until the ACK\n");
  inv = parse(invite);
  resp = parse(answer);
  printf("init_as_uas: %d\n", osip_dialog_init_as_uas(&uas, inv, resp));
  osip_dialog_set_instance(uas, &app_data);
  osip_free(uas->local_tag);
  uas->local_tag = osip_strdup("b200");
  osip_start_200ok_retransmissions(osip, uas, resp, 3);
  osip_message_free(resp);
  run_timer(osip, 3);
  in_ack = parse(ack);
  printf("ACK in dialog: %d\n", osip_dialog_match_as_uas(uas, in_ack));
  stopped = osip_stop_200ok_retransmissions(osip, in_ack);
  printf("ACK stopped the 200 of our dialog: %s (instance %d)\n", stopped == uas ? "yes" : "no",
         *(int *) osip_dialog_get_instance(stopped));
  run_timer(osip, 1);
  in_bye = parse(bye);
  printf("BYE in dialog: %d\n", osip_dialog_match_as_uas(uas, in_bye));
  printf("cseq update: %d\n", osip_dialog_update_osip_cseq_as_uas(uas, in_bye));
  printf("remote cseq now %d\n", uas->remote_cseq);
  osip_dialog_set_state(uas, DIALOG_CLOSE);
  osip_stop_retransmissions_from_dialog(osip, uas);
  osip_dialog_free(uas);

  printf("-- UAC: dialog from the 200, ACK retransmitted, then dropped with the dialog\n");
  resp = parse(answer);
  printf("init_as_uac: %d\n", osip_dialog_init_as_uac(&uac, resp));
  printf("200 retransmission in dialog: %d\n", osip_dialog_match_as_uac(uac, resp));
  osip_free(uac->remote_tag);
  uac->remote_tag = osip_strdup("b200");
  osip_start_ack_retransmissions(osip, uac, in_ack, "192.0.2.2", 5060, 4);
  run_timer(osip, 2);
  osip_stop_retransmissions_from_dialog(osip, uac);
  run_timer(osip, 1);
  osip_dialog_free(uac);

  printf("records left: %d, sends: %d\n", osip_list_size(&osip->ixt_retransmissions), sends);
  osip_message_free(resp);
  osip_message_free(inv);
  osip_message_free(in_ack);
  osip_message_free(in_bye);
  osip_release(osip);
  printf("allocations outstanding: %ld\n", outstanding);
  return outstanding == 0 ? 0 : 1;
}
