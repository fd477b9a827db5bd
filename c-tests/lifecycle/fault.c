/* A panic inside the library (tests/lifecycle.rs): with the library built
 * with the fault-injection feature and OSIP2RS_PANIC_AT=engine-add, filing
 * a new transaction panics deep inside osip_transaction_init. The process
 * must abort with a message naming that entry point, never go on with an
 * error code. */
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#include <osip2/osip.h>

static const char invite[] = "INVITE sip:bob@example.net SIP/2.0\r\n"
                             "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKfault\r\n"
                             "From: <sip:alice@example.com>;tag=1\r\n"
                             "To: <sip:bob@example.net>\r\n"
                             "Call-ID: fault@10.0.0.1\r\n"
                             "CSeq: 1 INVITE\r\n"
                             "Content-Length: 0\r\n\r\n";

int main(void) {
  osip_t *osip;
  osip_message_t *msg;
  osip_transaction_t *tr;
  int rc;

  osip_init(&osip);
  osip_message_init(&msg);
  osip_message_parse(msg, invite, strlen(invite));
  printf("creating\n");
  fflush(stdout);
  rc = osip_transaction_init(&tr, ICT, osip, msg);
  printf("osip_transaction_init returned %d\n", rc);
  return 0;
}
