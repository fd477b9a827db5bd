/* Many transactions at once (the engine keeps lists and matching indexes):
 * 60 server and 60 client transactions with similar headers, responses and
 * retransmissions delivered in a scrambled order must each reach their own
 * transaction; the public lists keep creation order while transactions in
 * the middle are killed and removed; timeouts and timer passes over all of
 * them; everything freed at the end. */
#include "harness.h"

#define N 60

static osip_t *osip;

static osip_event_t *request(const char *method, int i, int incoming) {
  const char *fmt = "%s sip:u%d@example.com SIP/2.0\n"
                    "Via: SIP/2.0/UDP 10.0.%d.%d:5060;branch=z9hG4bK%s%d\n"
                    "From: <sip:a@example.com>;tag=f%d\n"
                    "To: <sip:u%d@example.com>\n"
                    "Call-ID: many@x\n"
                    "CSeq: %d %s\n"
                    "Content-Length: 0\n\n";

  return incoming ? h_evt_inf(fmt, method, i, i / 10, i % 10, "s", i, i % 3, i, i, method)
                  : h_evt_outf(fmt, method, i, i / 10, i % 10, "c", i, i % 3, i, i, method);
}

static osip_event_t *response(const char *method, int i, int code, int incoming, osip_transaction_t *tr) {
  const char *fmt = "SIP/2.0 %d Reason\n"
                    "Via: SIP/2.0/UDP 10.0.%d.%d:5060;branch=z9hG4bK%s%d\n"
                    "From: <sip:a@example.com>;tag=f%d\n"
                    "To: <sip:u%d@example.com>;tag=t\n"
                    "Call-ID: many@x\n"
                    "CSeq: %d %s\n"
                    "Content-Length: 0\n\n";
  osip_event_t *evt;

  if (incoming)
    return h_evt_inf(fmt, code, i / 10, i % 10, "c", i, i % 3, i, i, method);
  evt = h_evt_outf(fmt, code, i / 10, i % 10, "s", i, i % 3, i, i, method);
  evt->transactionid = tr->transactionid;
  return evt;
}

int main(void) {
  osip_transaction_t *server[N], *client[N];
  int i, order[N], matched;

  h_init(&osip);
  h_send_verbose = 0;
  for (i = 0; i < N; i++) {
    const char *method = i % 2 == 0 ? "INVITE" : "MESSAGE";
    osip_event_t *evt = request(method, i, 1);

    server[i] = osip_create_transaction(osip, evt);
    osip_transaction_add_event(server[i], evt);
    evt = request(method, i, 0);
    client[i] = osip_create_transaction(osip, evt);
    osip_transaction_add_event(client[i], evt);
  }
  h_lists(osip);
  h_timeout(osip);
  h_exec_all(osip);
  h_timeout(osip);

  h_step("responses to the clients in a scrambled order");
  for (i = 0; i < N; i++)
    order[i] = (i * 37) % N;
  matched = 0;
  for (i = 0; i < N; i++) {
    int k = order[i];
    osip_event_t *evt = response(k % 2 == 0 ? "INVITE" : "MESSAGE", k, k % 3 == 0 ? 486 : 200, 1, NULL);

    if (osip_find_transaction_and_add_event(osip, evt) == 0)
      matched++;
    else
      osip_event_free(evt);
  }
  printf("matched %d of %d\n", matched, N);
  h_exec_all(osip);
  h_lists(osip);

  h_step("request retransmissions to the servers, scrambled");
  matched = 0;
  for (i = 0; i < N; i++) {
    int k = order[N - 1 - i];
    osip_event_t *evt = request(k % 2 == 0 ? "INVITE" : "MESSAGE", k, 1);

    if (osip_find_transaction_and_add_event(osip, evt) == 0)
      matched++;
    else
      osip_event_free(evt);
  }
  printf("matched %d of %d\n", matched, N);
  h_exec_all(osip);

  h_step("final responses from every third server");
  matched = 0;
  for (i = 0; i < N; i += 3) {
    osip_event_t *evt = response(i % 2 == 0 ? "INVITE" : "MESSAGE", i, 404, 0, server[i]);

    if (osip_find_transaction_and_add_event(osip, evt) == 0)
      matched++;
    else
      osip_event_free(evt);
  }
  printf("matched %d of %d\n", matched, N / 3);
  h_exec_all(osip);
  h_lists(osip);
  h_timeout(osip);

  h_step("all NIST timers J and ICT timers D due");
  for (i = 0; i < N; i++) {
    if (server[i]->nist_context != NULL)
      h_force_back(&((osip_nist_t *) server[i]->nist_context)->timer_j_start);
    if (client[i]->ict_context != NULL)
      h_force(&((osip_ict_t *) client[i]->ict_context)->timer_d_start);
  }
  h_run(osip);
  h_lists(osip);
  h_timeout(osip);
  h_done(osip);
  return 0;
}
