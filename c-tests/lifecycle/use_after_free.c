/* Valgrind sees the transaction pool (tests/lifecycle.rs): a program that
 * reads a transaction after freeing it, and one that never frees one, are
 * reported as with calloc'd transactions. The program's own output is the
 * same either way. */
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#include <osip2/osip.h>

static const char options[] = "OPTIONS sip:bob@example.net SIP/2.0\r\n"
                              "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKuaf\r\n"
                              "From: <sip:alice@example.com>;tag=1\r\n"
                              "To: <sip:bob@example.net>\r\n"
                              "Call-ID: uaf@10.0.0.1\r\n"
                              "CSeq: 1 OPTIONS\r\n"
                              "Content-Length: 0\r\n\r\n";

int main(int argc, char **argv) {
  osip_t *osip;
  osip_message_t *msg;
  osip_transaction_t *volatile tr;
  volatile int state;

  osip_init(&osip);
  osip_message_init(&msg);
  osip_message_parse(msg, options, strlen(options));
  osip_transaction_init((osip_transaction_t **) &tr, NICT, osip, msg);
  if (argc > 1 && strcmp(argv[1], "leak") == 0) {
    /* The bug: the transaction is forgotten, never freed. */
    tr = NULL;
    osip_release(osip);
    printf("transaction not freed\n");
    return 0;
  }
  osip_transaction_free(tr);
  state = tr->state; /* the bug valgrind must report */
  (void) state;
  osip_release(osip);
  printf("read after free\n");
  return 0;
}
