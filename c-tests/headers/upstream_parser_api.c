/* A program written against the upstream libosipparser2 5.3.0 headers: it
   names a broad sample of their functions, macros (function-like and
   constants), enum constants, typedefs and struct fields. It is only
   compiled (in C and as C++), never run: it must build unchanged with
   Debian's headers and with ours (tests/headers.rs). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_md5.h>
#include <osipparser2/sdp_message.h>

/* ---- osip_port.h: allocator hooks, strings, tracing */

static void *my_malloc(size_t size) {
  return malloc(size);
}

static void *my_realloc(void *ptr, size_t size) {
  return realloc(ptr, size);
}

static void my_free(void *ptr) {
  free(ptr);
}

static void my_trace(const char *fi, int li, osip_trace_level_t level, const char *chfr, va_list ap) {
  (void) fi;
  (void) li;
  (void) level;
  (void) chfr;
  (void) ap;
}

struct element {
  struct element *next;
  struct element *parent;
};

int use_port(void);
int use_port(void) {
  osip_malloc_func_t *m = my_malloc;
  osip_realloc_func_t *re = my_realloc;
  osip_free_func_t *f = my_free;
  osip_trace_func_t *tf = my_trace;
  osip_trace_level_t level = OSIP_INFO1;
  char *s;
  char *t;
  char *next = NULL;
  const char *q;
  unsigned long h;
  int r = 0;
  int codes[] = {OSIP_SUCCESS, OSIP_UNDEFINED_ERROR, OSIP_BADPARAMETER, OSIP_WRONG_STATE,
                 OSIP_NOMEM, OSIP_SYNTAXERROR, OSIP_NOTFOUND, OSIP_API_NOT_INITIALIZED,
                 OSIP_NO_NETWORK, OSIP_PORT_BUSY, OSIP_UNKNOWN_HOST, OSIP_DISK_FULL,
                 OSIP_NO_RIGHTS, OSIP_FILE_NOT_EXIST, OSIP_TIMEOUT, OSIP_TOOMUCHCALL,
                 OSIP_WRONG_FORMAT, OSIP_NOCOMMONCODEC, OSIP_RETRY_LIMIT, SIP_SYNTAX_ERROR,
                 SIP_NETWORK_ERROR, SIP_ECONNREFUSED, SIP_RESSOURCE_ERROR, SIP_GLOBAL_ERROR,
                 LOG_TRUE, LOG_FALSE};
  osip_trace_level_t levels[] = {TRACE_LEVEL0, TRACE_LEVEL1, TRACE_LEVEL2, TRACE_LEVEL3,
                                 TRACE_LEVEL4, TRACE_LEVEL5, TRACE_LEVEL6, TRACE_LEVEL7,
                                 END_TRACE_LEVEL, OSIP_FATAL, OSIP_BUG, OSIP_ERROR,
                                 OSIP_WARNING, OSIP_INFO2, OSIP_INFO3, OSIP_INFO4};
  struct element a, b, *first = NULL;

  osip_set_allocators(m, re, f);
  osip_set_allocators(NULL, NULL, NULL);
  if (osip_malloc_func == NULL && osip_realloc_func == NULL && osip_free_func == NULL)
    r++;

  s = (char *) osip_malloc(16);
  s = (char *) osip_realloc(s, 32);
  osip_strncpy(s, "Hello World", 31);
  r |= osip_tolower(s);
  r |= osip_clrspace(s);
  r |= osip_atoi("42");
  r |= osip_strcasecmp(s, "hello world");
  r |= osip_strncasecmp(s, "HELLO", 5);
  q = osip_strcasestr(s, "WORLD");
  t = osip_strdup(s);
  s = osip_str_append(s, " !");
  s = osip_strn_append(s, "abc", 2);
  osip_clrncpy(t, " spaced ", 7);
  osip_free(t);
  t = osip_strdup_without_quote("\"quoted\"");
  osip_free(t);
  t = osip_enquote("x");
  osip_dequote(t);
  osip_free(t);
  q = __osip_quote_find("\"a\\\"b\"");
  r |= __osip_set_next_token(&t, s, ' ', &next);
  h = osip_hash(s);
  r |= (int) (h & 1);
  r |= (int) (osip_build_random_number() & 1);
  osip_usleep(1);
  q = osip_strerror(OSIP_NOMEM);
  osip_free(s);

  osip_trace_initialize_func(level, tf);
  r |= osip_trace_initialize(OSIP_INFO4, stderr);
  osip_trace_initialize_syslog(OSIP_ERROR, (char *) "prog");
  osip_trace_enable_until_level(OSIP_WARNING);
  osip_trace_enable_level(levels[4]);
  osip_trace_disable_level(TRACE_LEVEL7);
  r |= osip_is_trace_level_activate(OSIP_BUG);
  r |= osip_trace(__FILE__, __LINE__, OSIP_INFO2, NULL, "%s %d\n", "trace", 1);
  OSIP_TRACE(osip_trace(__FILE__, __LINE__, OSIP_INFO1, NULL, "only with ENABLE_TRACE\n"));
  TRACE_INITIALIZE(OSIP_INFO3, NULL);
  TRACE_ENABLE_LEVEL(OSIP_INFO3);
  TRACE_DISABLE_LEVEL(OSIP_INFO3);
  r |= IS_TRACE_LEVEL_ACTIVATE(OSIP_INFO3);

  ADD_ELEMENT(first, (&a));
  APPEND_ELEMENT(struct element, first, (&b));
  REMOVE_ELEMENT(first, (&a));

  (void) q;
  return r + codes[0] + (int) levels[0] + (int) strlen(SP);
}

/* ---- osip_const.h */

int use_const(int code);
int use_const(int code) {
  const char *names[] = {ACCEPT, ACCEPT_ENCODING, ACCEPT_LANGUAGE, ALERT_INFO, ALLOW,
                         AUTHENTICATION_INFO, AUTHORIZATION, CALL_ID, CALL_ID_SHORT,
                         CALL_INFO, CONTACT, CONTACT_SHORT, CONTENT_DISPOSITION,
                         CONTENT_ENCODING_SHORT, CONTENT_ENCODING, CONTENT_LANGUAGE,
                         CONTENT_LENGTH_SHORT, CONTENT_LENGTH, CONTENT_TYPE_SHORT,
                         CONTENT_TYPE, CSEQ, SIPDATE, ERROR_INFO, EXPIRES, FROM, FROM_SHORT,
                         IN_REPLY_TO, MAX_FORWARDS, MIME_VERSION, MIN_EXPIRES, ORGANIZATION,
                         PRIORITY, PROXY_AUTHENTICATE, PROXY_AUTHENTICATION_INFO,
                         PROXY_AUTHORIZATION, PROXY_REQUIRE, RECORD_ROUTE, REPLY_TO, REQUIRE,
                         RETRY_AFTER, ROUTE, SERVER, SUBJECT, SUBJECT_SHORT, SUPPORTED,
                         TIMESTAMP, TO, TO_SHORT, UNSUPPORTED, USER_AGENT, VIA, VIA_SHORT,
                         WARNING, WWW_AUTHENTICATE, OSIP_CRLF, OSIP_CR, OSIP_LF, OSIP_SP};
  int codes[] = {RESPONSE_CODES, SIP_TRYING, SIP_RINGING, SIP_CALL_IS_BEING_FORWARDED,
                 SIP_QUEUED, SIP_SESSION_PROGRESS, SIP_OK, SIP_ACCEPTED,
                 SIP_MULTIPLE_CHOICES, SIP_MOVED_PERMANENTLY, SIP_MOVED_TEMPORARILY,
                 SIP_USE_PROXY, SIP_ALTERNATIVE_SERVICE, SIP_BAD_REQUEST, SIP_UNAUTHORIZED,
                 SIP_PAYMENT_REQUIRED, SIP_FORBIDDEN, SIP_NOT_FOUND, SIP_METHOD_NOT_ALLOWED,
                 SIP_406_NOT_ACCEPTABLE, SIP_PROXY_AUTHENTICATION_REQUIRED,
                 SIP_REQUEST_TIME_OUT, SIP_GONE, SIP_REQUEST_ENTITY_TOO_LARGE,
                 SIP_REQUEST_URI_TOO_LARGE, SIP_UNSUPPORTED_MEDIA_TYPE,
                 SIP_UNSUPPORTED_URI_SCHEME, SIP_BAD_EXTENSION, SIP_EXTENSION_REQUIRED,
                 SIP_INTERVAL_TOO_BRIEF, SIP_TEMPORARILY_UNAVAILABLE,
                 SIP_CALL_TRANSACTION_DOES_NOT_EXIST, SIP_LOOP_DETECTED, SIP_TOO_MANY_HOPS,
                 SIP_ADDRESS_INCOMPLETE, SIP_AMBIGUOUS, SIP_BUSY_HERE, SIP_REQUEST_TERMINATED,
                 SIP_NOT_ACCEPTABLE_HERE, SIP_BAD_EVENT, SIP_REQUEST_PENDING,
                 SIP_UNDECIPHERABLE, SIP_INTERNAL_SERVER_ERROR, SIP_NOT_IMPLEMENTED,
                 SIP_BAD_GATEWAY, SIP_SERVICE_UNAVAILABLE, SIP_SERVER_TIME_OUT,
                 SIP_VERSION_NOT_SUPPORTED, SIP_MESSAGE_TOO_LARGE, SIP_BUSY_EVRYWHERE,
                 SIP_DECLINE, SIP_DOES_NOT_EXIST_ANYWHERE, SIP_606_NOT_ACCEPTABLE};
  int r = (int) strlen(names[code % 58]) + codes[code % 53];
  r += OSIP_IS_SIP_INFO(code) + OSIP_IS_SIP_SUCCESS(code) + OSIP_IS_SIP_REDIRECT(code);
  r += OSIP_IS_SIP_ERROR(code) + OSIP_IS_SIP_CLIENT_ERROR(code) + OSIP_IS_SIP_SERVER_ERROR(code);
  return r + SIP_MESSAGE_MAX_LENGTH + BODY_MESSAGE_MAX_SIZE;
}

/* ---- osip_list.h */

static int clone_string(void *src, void **dst) {
  *dst = osip_strdup((const char *) src);
  return 0;
}

int use_list(void);
int use_list(void) {
  osip_list_t list, copy;
  osip_list_iterator_t it;
  __node_t *node;
  char *element;
  int r = 0;

  r |= osip_list_init(&list);
  r |= osip_list_init(&copy);
  r |= osip_list_add(&list, osip_strdup("a"), -1);
  r |= osip_list_add(&list, osip_strdup("b"), 0);
  r |= osip_list_size(&list) + osip_list_eol(&list, 0) + list.nb_elt;
  node = list.node;
  element = (char *) osip_list_get(&list, 1);
  r |= osip_list_clone(&list, &copy, clone_string);
  element = (char *) osip_list_get_first(&list, &it);
  while (osip_list_iterator_has_elem(it)) {
    if (element != NULL && element[0] == 'a')
      element = (char *) osip_list_iterator_remove(&it);
    else
      element = (char *) osip_list_get_next(&it);
  }
  r |= osip_list_remove(&list, 0);
  osip_list_special_free(&list, my_free);
  osip_list_ofchar_free(&copy);
  (void) node;
  (void) it.actual;
  (void) it.prev;
  (void) it.li;
  (void) it.pos;
  return r;
}

/* ---- osip_uri.h */

int use_uri(void);
int use_uri(void) {
  osip_uri_t *url = NULL, *copy = NULL;
  osip_uri_param_t *param = NULL;
  osip_uri_header_t *header = NULL;
  char *s = NULL;
  const char *sep;
  int r = 0;

  r |= osip_uri_init(&url);
  r |= osip_uri_parse(url, "sip:alice:secret@example.com:5060;transport=udp?subject=hi");
  r |= osip_uri_parse_params(url, ";lr");
  r |= osip_uri_parse_headers(url, "?h=v");
  r |= osip_uri_to_str(url, &s);
  osip_free(s);
  r |= osip_uri_to_str_canonical(url, &s);
  osip_free(s);
  r |= osip_uri_clone(url, &copy);
  osip_uri_set_scheme(copy, osip_strdup("sips"));
  osip_uri_set_username(copy, osip_strdup("bob"));
  osip_uri_set_password(copy, osip_strdup("pw"));
  osip_uri_set_host(copy, osip_strdup("example.org"));
  osip_uri_set_port(copy, osip_strdup("5061"));
  r |= (osip_uri_get_scheme(copy) != NULL) + (osip_uri_get_username(copy) != NULL);
  r |= (osip_uri_get_password(copy) != NULL) + (osip_uri_get_host(copy) != NULL);
  r |= (osip_uri_get_port(copy) != NULL) + (copy->string == NULL);
  r |= osip_uri_set_transport_udp(copy);
  r |= osip_uri_set_transport_tcp(copy);
  r |= osip_uri_set_transport_sctp(copy);
  r |= osip_uri_set_transport_tls(copy);
  r |= osip_uri_set_transport(copy, osip_strdup("ws"));
  r |= osip_uri_set_user_phone(copy);
  r |= osip_uri_set_user_ip(copy);
  r |= osip_uri_set_method_invite(copy);
  r |= osip_uri_set_method_ack(copy);
  r |= osip_uri_set_method_options(copy);
  r |= osip_uri_set_method_bye(copy);
  r |= osip_uri_set_method_cancel(copy);
  r |= osip_uri_set_method_register(copy);
  r |= osip_uri_set_method(copy, osip_strdup("NOTIFY"));
  r |= osip_uri_set_ttl(copy, osip_strdup("16"));
  r |= osip_uri_set_maddr(copy, osip_strdup("239.0.0.1"));
  r |= osip_uri_uparam_add(copy, osip_strdup("lr"), NULL);
  r |= osip_uri_uparam_get_byname(copy, (char *) "lr", &param);
  r |= osip_uri_uheader_add(copy, osip_strdup("subject"), osip_strdup("x"));
  r |= osip_uri_uheader_get_byname(copy, (char *) "subject", &header);
  r |= osip_uri_param_get_byname(&copy->url_params, (char *) "maddr", &param);
  r |= osip_uri_param_add(&copy->url_params, osip_strdup("a"), osip_strdup("b"));

  r |= osip_uri_param_init(&param);
  r |= osip_uri_param_set(param, osip_strdup("n"), osip_strdup("v"));
  r |= (param->gname != NULL) + (param->gvalue != NULL);
  r |= osip_uri_param_clone(param, &header);
  osip_uri_param_free(param);
  osip_uri_header_free(header);
  r |= osip_uri_header_init(&header);
  r |= osip_uri_header_set(header, osip_strdup("h"), osip_strdup("v"));
  r |= osip_uri_header_clone(header, &param);
  osip_uri_param_free(param);
  osip_uri_header_free(header);
  osip_uri_header_freelist(&copy->url_headers);
  osip_uri_param_freelist(&copy->url_params);

  sep = next_separator("a;b", ';', '?');
  s = __osip_uri_escape_nonascii_and_nondef("a b", "");
  osip_free(s);
  s = __osip_uri_escape_userinfo("a b");
  osip_free(s);
  s = __osip_uri_escape_password("a b");
  osip_free(s);
  s = __osip_uri_escape_uri_param((char *) "a b");
  osip_free(s);
  s = __osip_uri_escape_header_param((char *) "a b");
  __osip_uri_unescape(s);
  osip_free(s);
  osip_uri_free(copy);
  osip_uri_free(url);
  (void) sep;
  return r;
}

/* ---- osip_message.h, osip_parser.h, osip_body.h */

int use_message(const char *buf, size_t len);
int use_message(const char *buf, size_t len) {
  osip_message_t *sip = NULL, *copy = NULL;
  osip_uri_t *uri;
  osip_generic_param_t *gp = NULL;
  osip_header_t *h = NULL;
  osip_body_t *body = NULL, *bcopy = NULL;
  osip_via_t *via = NULL;
  osip_from_t *from;
  osip_to_t *to;
  osip_call_id_t *callid;
  osip_cseq_t *cseq;
  osip_contact_t *contact = NULL;
  osip_route_t *route = NULL;
  osip_record_route_t *rr = NULL;
  osip_content_type_t *ctype;
  osip_content_length_t *clen;
  osip_mime_version_t *mime;
  osip_accept_t *accept = NULL;
  osip_accept_encoding_t *ae = NULL;
  osip_accept_language_t *al = NULL;
  osip_alert_info_t *alert = NULL;
  osip_allow_t *allow = NULL;
  osip_authentication_info_t *ai = NULL;
  osip_proxy_authentication_info_t *pai = NULL;
  osip_authorization_t *auth = NULL;
  osip_proxy_authorization_t *pauth = NULL;
  osip_www_authenticate_t *www = NULL;
  osip_proxy_authenticate_t *pwww = NULL;
  osip_call_info_t *ci = NULL;
  osip_content_encoding_t *ce = NULL;
  osip_error_info_t *ei = NULL;
  void *known = NULL;
  char *s = NULL;
  size_t slen = 0;
  const char *reason;
  int r = 0;

  r |= parser_init();
  r |= parser_add_comma_separated_header("x-list");
  r |= osip_message_init(&sip);
  r |= osip_message_parse(sip, buf, len);
  r |= osip_message_parse_sipfrag(sip, buf, len);
  r |= osip_message_to_str(sip, &s, &slen);
  osip_free(s);
  r |= osip_message_to_str_sipfrag(sip, &s, &slen);
  osip_free(s);
  r |= osip_message_clone(sip, &copy);
  r |= osip_message_get__property(copy);
  r |= osip_message_force_update(copy);
  r |= osip_message_fix_last_via_header(copy, "192.0.2.1", 5060);
  reason = osip_message_get_reason(SIP_OK);

  osip_message_set_reason_phrase(copy, osip_strdup("OK"));
  osip_message_set_status_code(copy, 200);
  osip_message_set_method(copy, osip_strdup("INVITE"));
  osip_message_set_version(copy, osip_strdup("SIP/2.0"));
  r |= osip_uri_init(&uri);
  osip_message_set_uri(copy, uri);
  r |= (osip_message_get_reason_phrase(copy) != NULL) + osip_message_get_status_code(copy);
  r |= (osip_message_get_method(copy) != NULL) + (osip_message_get_version(copy) != NULL);
  r |= (osip_message_get_uri(copy) != NULL);
  r |= copy->status_code + copy->message_property + (copy->message_length > 0);
  r |= (copy->sip_version != NULL) + (copy->req_uri != NULL) + (copy->sip_method != NULL);
  r |= (copy->reason_phrase != NULL) + (copy->application_data != NULL) + (copy->message != NULL);
  r |= osip_list_size(&copy->vias) + osip_list_size(&copy->headers) + osip_list_size(&copy->bodies);
  r |= osip_list_size(&copy->accepts) + osip_list_size(&copy->routes) + osip_list_size(&copy->contacts);

  r |= MSG_IS_RESPONSE(copy) + MSG_IS_REQUEST(copy) + MSG_IS_INVITE(copy) + MSG_IS_ACK(copy);
  r |= MSG_IS_REGISTER(copy) + MSG_IS_BYE(copy) + MSG_IS_OPTIONS(copy) + MSG_IS_INFO(copy);
  r |= MSG_IS_CANCEL(copy) + MSG_IS_REFER(copy) + MSG_IS_NOTIFY(copy) + MSG_IS_SUBSCRIBE(copy);
  r |= MSG_IS_MESSAGE(copy) + MSG_IS_PRACK(copy) + MSG_IS_UPDATE(copy) + MSG_IS_PUBLISH(copy);
  r |= MSG_IS_STATUS_1XX(copy) + MSG_IS_STATUS_2XX(copy) + MSG_IS_STATUS_3XX(copy);
  r |= MSG_IS_STATUS_4XX(copy) + MSG_IS_STATUS_5XX(copy) + MSG_IS_STATUS_6XX(copy);
  r |= MSG_TEST_CODE(copy, 200);
  if (copy->cseq != NULL)
    r |= MSG_IS_RESPONSE_FOR(copy, "INVITE");

  r |= osip_message_set_via(copy, "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1");
  r |= osip_message_append_via(copy, "SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK2");
  r |= osip_message_set_from(copy, "<sip:a@example.com>;tag=1");
  r |= osip_message_set_to(copy, "<sip:b@example.com>");
  r |= osip_message_set_call_id(copy, "abc@host");
  r |= osip_message_set_cseq(copy, "1 INVITE");
  r |= osip_message_set_contact(copy, "<sip:a@192.0.2.1>");
  r |= osip_message_set_route(copy, "<sip:proxy;lr>");
  r |= osip_message_set_record_route(copy, "<sip:proxy;lr>");
  r |= osip_message_set_content_type(copy, "application/sdp");
  r |= osip_message_set_content_length(copy, "0");
  r |= osip_message_set_mime_version(copy, "1.0");
  r |= osip_message_set_accept(copy, "application/sdp");
  r |= osip_message_set_accept_encoding(copy, "gzip");
  r |= osip_message_set_accept_language(copy, "en");
  r |= osip_message_set_alert_info(copy, "<http://x/y>");
  r |= osip_message_set_allow(copy, "INVITE");
  r |= osip_message_set_authentication_info(copy, "nextnonce=\"x\"");
  r |= osip_message_set_proxy_authentication_info(copy, "nextnonce=\"x\"");
  r |= osip_message_set_authorization(copy, "Digest username=\"a\"");
  r |= osip_message_set_proxy_authorization(copy, "Digest username=\"a\"");
  r |= osip_message_set_www_authenticate(copy, "Digest realm=\"r\"");
  r |= osip_message_set_proxy_authenticate(copy, "Digest realm=\"r\"");
  r |= osip_message_set_call_info(copy, "<http://x>");
  r |= osip_message_set_content_encoding(copy, "gzip");
  r |= osip_message_set_error_info(copy, "<sip:e@x>");
  r |= osip_message_set_header(copy, "Subject", "hi");
  r |= osip_message_set_topheader(copy, "X-Top", "1");
  r |= osip_message_replace_header(copy, "Subject", "bye");
  r |= osip_message_set_multiple_header(copy, (char *) "x-list", (char *) "a, b");
  r |= osip_message_set_date(copy, "Sat, 13 Nov 2010 23:29:00 GMT");
  r |= osip_message_set_encryption(copy, "x");
  r |= osip_message_set_organization(copy, "x");
  r |= osip_message_set_require(copy, "100rel");
  r |= osip_message_set_supported(copy, "timer");
  r |= osip_message_set_timestamp(copy, "1");
  r |= osip_message_set_user_agent(copy, "ua");
  r |= osip_message_set_content_language(copy, "en");
  r |= osip_message_set_expires(copy, "60");
  r |= osip_message_set_in_reply_to(copy, "x");
  r |= osip_message_set_max_forwards(copy, "70");
  r |= osip_message_set_priority(copy, "urgent");
  r |= osip_message_set_proxy_require(copy, "x");
  r |= osip_message_set_response_key(copy, "x");
  r |= osip_message_set_subject(copy, "x");
  r |= osip_message_set_retry_after(copy, "5");
  r |= osip_message_set_server(copy, "x");
  r |= osip_message_set_unsupported(copy, "x");
  r |= osip_message_set_warning(copy, "399 x \"y\"");
  r |= osip_message_set_body(copy, "v=0\r\n", 5);
  r |= osip_message_set_body_mime(copy, "v=0\r\n", 5);

  r |= osip_message_get_via(copy, 0, &via);
  from = osip_message_get_from(copy);
  to = osip_message_get_to(copy);
  callid = osip_message_get_call_id(copy);
  cseq = osip_message_get_cseq(copy);
  ctype = osip_message_get_content_type(copy);
  clen = osip_message_get_content_length(copy);
  mime = osip_message_get_mime_version(copy);
  r |= osip_message_get_contact(copy, 0, &contact);
  r |= osip_message_get_route(copy, 0, &route);
  r |= osip_message_get_record_route(copy, 0, &rr);
  r |= osip_message_get_accept(copy, 0, &accept);
  r |= osip_message_get_accept_encoding(copy, 0, &ae);
  r |= osip_message_get_accept_language(copy, 0, &al);
  r |= osip_message_get_alert_info(copy, 0, &alert);
  r |= osip_message_get_allow(copy, 0, &allow);
  r |= osip_message_get_authentication_info(copy, 0, &ai);
  r |= osip_message_get_proxy_authentication_info(copy, 0, &pai);
  r |= osip_message_get_authorization(copy, 0, &auth);
  r |= osip_message_get_proxy_authorization(copy, 0, &pauth);
  r |= osip_message_get_www_authenticate(copy, 0, &www);
  r |= osip_message_get_proxy_authenticate(copy, 0, &pwww);
  r |= osip_message_get_call_info(copy, 0, &ci);
  r |= osip_message_get_content_encoding(copy, 0, &ce);
  r |= osip_message_get_error_info(copy, 0, &ei);
  r |= osip_message_get_header(copy, 0, &h);
  r |= osip_message_header_get_byname(copy, "subject", 0, &h);
  r |= osip_message_get_date(copy, 0, &h);
  r |= osip_message_get_encryption(copy, 0, &h);
  r |= osip_message_get_organization(copy, 0, &h);
  r |= osip_message_get_require(copy, 0, &h);
  r |= osip_message_get_supported(copy, 0, &h);
  r |= osip_message_get_timestamp(copy, 0, &h);
  r |= osip_message_get_user_agent(copy, 0, &h);
  r |= osip_message_get_content_language(copy, 0, &h);
  r |= osip_message_get_expires(copy, 0, &h);
  r |= osip_message_get_in_reply_to(copy, 0, &h);
  r |= osip_message_get_max_forwards(copy, 0, &h);
  r |= osip_message_get_priority(copy, 0, &h);
  r |= osip_message_get_proxy_require(copy, 0, &h);
  r |= osip_message_get_response_key(copy, 0, &h);
  r |= osip_message_get_subject(copy, 0, &h);
  r |= osip_message_get_retry_after(copy, 0, &h);
  r |= osip_message_get_server(copy, 0, &h);
  r |= osip_message_get_unsupported(copy, 0, &h);
  r |= osip_message_get_warning(copy, 0, &h);
  r |= osip_message_get_body(copy, 0, &body);
  r |= osip_message_get_knownheaderlist(&copy->vias, 0, &known);
  msg_logrequest(copy, (char *) "%s");
  msg_logresponse(copy, (char *) "%s");

  r |= osip_generic_param_init(&gp);
  r |= osip_generic_param_set(gp, osip_strdup("n"), osip_strdup("v"));
  osip_generic_param_set_name(gp, osip_strdup("m"));
  osip_generic_param_set_value(gp, osip_strdup("w"));
  r |= (osip_generic_param_get_name(gp) != NULL) + (osip_generic_param_get_value(gp) != NULL);
  osip_generic_param_free(gp);
  r |= osip_generic_param_add(&copy->headers, osip_strdup("n"), NULL);
  r |= osip_generic_param_get_byname(&copy->headers, (char *) "n", &gp);
  r |= osip_generic_param_clone(gp, &gp);
  osip_generic_param_freelist(&copy->headers);

  r |= osip_body_init(&body);
  r |= osip_body_parse(body, "hello", 5);
  r |= osip_body_parse_mime(body, "Content-Type: text/plain\r\n\r\nhello", 33);
  r |= osip_body_set_contenttype(body, "text/plain");
  r |= osip_body_set_header(body, "X-A", "1");
  r |= osip_body_to_str(body, &s, &slen);
  osip_free(s);
  r |= osip_body_clone(body, &bcopy);
  r |= (int) body->length + (body->body != NULL) + (body->headers != NULL) + (body->content_type != NULL);
  osip_body_free(bcopy);
  osip_body_free(body);

  (void) from;
  (void) to;
  (void) callid;
  (void) cseq;
  (void) ctype;
  (void) clen;
  (void) mime;
  (void) reason;
  osip_message_free(copy);
  osip_message_free(sip);
  return r;
}

/* ---- <osipparser2/headers/...> */

int use_headers(void);
int use_headers(void) {
  osip_via_t *via = NULL, *via2 = NULL;
  osip_from_t *from = NULL, *from2 = NULL;
  osip_to_t *to = NULL, *to2 = NULL;
  osip_contact_t *contact = NULL, *contact2 = NULL;
  osip_route_t *route = NULL, *route2 = NULL;
  osip_record_route_t *rr = NULL, *rr2 = NULL;
  osip_call_id_t *callid = NULL, *callid2 = NULL;
  osip_cseq_t *cseq = NULL, *cseq2 = NULL;
  osip_content_type_t *ct = NULL, *ct2 = NULL;
  osip_content_length_t *cl = NULL, *cl2 = NULL;
  osip_content_encoding_t *ce = NULL, *ce2 = NULL;
  osip_mime_version_t *mv = NULL, *mv2 = NULL;
  osip_allow_t *allow = NULL, *allow2 = NULL;
  osip_accept_t *acc = NULL, *acc2 = NULL;
  osip_accept_encoding_t *ae = NULL, *ae2 = NULL;
  osip_accept_language_t *al = NULL, *al2 = NULL;
  osip_call_info_t *ci = NULL, *ci2 = NULL;
  osip_alert_info_t *alert = NULL, *alert2 = NULL;
  osip_error_info_t *ei = NULL, *ei2 = NULL;
  osip_content_disposition_t *cd = NULL, *cd2 = NULL;
  osip_authorization_t *auth = NULL, *auth2 = NULL;
  osip_proxy_authorization_t *pauth = NULL, *pauth2 = NULL;
  osip_www_authenticate_t *www = NULL, *www2 = NULL;
  osip_proxy_authenticate_t *pwww = NULL, *pwww2 = NULL;
  osip_authentication_info_t *ai = NULL, *ai2 = NULL;
  osip_proxy_authentication_info_t *pai = NULL, *pai2 = NULL;
  osip_header_t *h = NULL, *h2 = NULL;
  osip_generic_param_t *gp = NULL;
  osip_uri_t *url = NULL;
  char *s = NULL;
  int r = 0;

  /* Via */
  r |= osip_via_init(&via);
  r |= osip_via_parse(via, "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1");
  r |= osip_via_to_str(via, &s);
  osip_free(s);
  r |= osip_via_clone(via, &via2);
  r |= osip_via_match(via, via2);
  via_set_version(via, osip_strdup("2.0"));
  via_set_protocol(via, osip_strdup("TCP"));
  via_set_host(via, osip_strdup("h"));
  via_set_port(via, osip_strdup("1"));
  via_set_comment(via, osip_strdup("c"));
  r |= (via_get_version(via) != NULL) + (via_get_protocol(via) != NULL) + (via_get_host(via) != NULL);
  r |= (via_get_port(via) != NULL) + (via_get_comment(via) != NULL);
  osip_via_set_version(via2, osip_strdup("2.0"));
  osip_via_set_protocol(via2, osip_strdup("UDP"));
  osip_via_set_host(via2, osip_strdup("h"));
  osip_via_set_port(via2, osip_strdup("2"));
  osip_via_set_comment(via2, osip_strdup("c"));
  r |= (osip_via_get_version(via2) != NULL) + (osip_via_get_protocol(via2) != NULL);
  r |= (osip_via_get_host(via2) != NULL) + (osip_via_get_port(via2) != NULL);
  r |= (osip_via_get_comment(via2) != NULL) + (via2->version != NULL) + (via2->protocol != NULL);
  r |= osip_via_set_hidden(via2);
  r |= osip_via_set_ttl(via2, osip_strdup("1"));
  r |= osip_via_set_maddr(via2, osip_strdup("m"));
  r |= osip_via_set_received(via2, osip_strdup("r"));
  r |= osip_via_set_branch(via2, osip_strdup("b"));
  r |= osip_via_param_add(via2, osip_strdup("rport"), NULL);
  r |= osip_via_param_get_byname(via2, (char *) "rport", &gp);
  r |= osip_list_size(&via2->via_params) + (via2->host != NULL) + (via2->port != NULL) + (via2->comment != NULL);
  osip_via_free(via2);
  osip_via_free(via);

  /* From, To, Contact, Route, Record-Route */
  r |= osip_from_init(&from);
  r |= osip_from_parse(from, "\"A\" <sip:a@example.com>;tag=1");
  r |= osip_from_to_str(from, &s);
  osip_free(s);
  r |= osip_from_clone(from, &from2);
  osip_from_set_displayname(from2, osip_strdup("B"));
  r |= (osip_from_get_displayname(from2) != NULL) + (from2->displayname != NULL);
  r |= osip_uri_init(&url);
  osip_from_set_url(from2, url);
  r |= (osip_from_get_url(from2) != NULL) + (from2->url != NULL);
  r |= osip_from_param_get(from2, 0, &gp);
  r |= osip_from_param_add(from2, osip_strdup("x"), NULL);
  r |= osip_from_param_get_byname(from2, (char *) "x", &gp);
  r |= osip_from_get_tag(from2, &gp);
  r |= osip_from_set_tag(from2, osip_strdup("2"));
  r |= osip_from_compare(from, from2) + osip_from_tag_match(from, from2);
  r |= osip_list_size(&from2->gen_params);
  osip_from_free(from2);
  osip_from_free(from);

  r |= osip_to_init(&to);
  r |= osip_to_parse(to, "<sip:b@example.com>");
  r |= osip_to_to_str(to, &s);
  osip_free(s);
  r |= osip_to_clone(to, &to2);
  osip_to_set_displayname(to2, osip_strdup("B"));
  r |= (osip_to_get_displayname(to2) != NULL) + (osip_to_get_url(to2) != NULL);
  r |= osip_uri_init(&url);
  osip_to_set_url(to2, url);
  r |= osip_to_param_get(to2, 0, &gp);
  r |= osip_to_param_add(to2, osip_strdup("x"), NULL);
  r |= osip_to_param_get_byname(to2, (char *) "x", &gp);
  r |= osip_to_set_tag(to2, osip_strdup("t"));
  r |= osip_to_get_tag(to2, &gp);
  r |= osip_to_compare(to, to2) + osip_to_tag_match(to, to2);
  osip_to_free(to2);
  osip_to_free(to);

  r |= osip_contact_init(&contact);
  r |= osip_contact_parse(contact, "<sip:a@192.0.2.1>;expires=60");
  r |= osip_contact_to_str(contact, &s);
  osip_free(s);
  r |= osip_contact_clone(contact, &contact2);
  osip_contact_set_displayname(contact2, osip_strdup("C"));
  r |= (osip_contact_get_displayname(contact2) != NULL) + (osip_contact_get_url(contact2) != NULL);
  r |= osip_uri_init(&url);
  osip_contact_set_url(contact2, url);
  r |= osip_contact_param_get(contact2, 0, &gp);
  r |= osip_contact_param_add(contact2, osip_strdup("q"), osip_strdup("1"));
  r |= osip_contact_param_get_byname(contact2, (char *) "q", &gp);
  osip_contact_free(contact2);
  osip_contact_free(contact);

  r |= osip_route_init(&route);
  r |= osip_route_parse(route, "<sip:p;lr>");
  r |= osip_route_to_str(route, &s);
  osip_free(s);
  r |= osip_route_clone(route, &route2);
  r |= (osip_route_get_url(route2) != NULL);
  r |= osip_uri_init(&url);
  osip_route_set_url(route2, url);
  r |= osip_route_param_get(route2, 0, &gp);
  r |= osip_route_param_add(route2, osip_strdup("x"), NULL);
  r |= osip_route_param_get_byname(route2, (char *) "x", &gp);
  osip_route_free(route2);
  osip_route_free(route);

  r |= osip_record_route_init(&rr);
  r |= osip_record_route_parse(rr, "<sip:p;lr>");
  r |= osip_record_route_to_str(rr, &s);
  osip_free(s);
  r |= osip_record_route_clone(rr, &rr2);
  r |= (osip_record_route_get_url(rr2) != NULL);
  r |= osip_uri_init(&url);
  osip_record_route_set_url(rr2, url);
  r |= osip_record_route_param_get(rr2, 0, &gp);
  r |= osip_record_route_param_add(rr2, osip_strdup("x"), NULL);
  r |= osip_record_route_param_get_byname(rr2, (char *) "x", &gp);
  osip_record_route_free(rr2);
  osip_record_route_free(rr);

  /* Call-ID, CSeq */
  r |= osip_call_id_init(&callid);
  r |= osip_call_id_parse(callid, "abc@host");
  r |= osip_call_id_to_str(callid, &s);
  osip_free(s);
  r |= osip_call_id_clone(callid, &callid2);
  osip_call_id_set_number(callid2, osip_strdup("n"));
  osip_call_id_set_host(callid2, osip_strdup("h"));
  r |= (osip_call_id_get_number(callid2) != NULL) + (osip_call_id_get_host(callid2) != NULL);
  r |= osip_call_id_match(callid, callid2) + (callid2->number != NULL) + (callid2->host != NULL);
  osip_call_id_free(callid2);
  osip_call_id_free(callid);

  r |= osip_cseq_init(&cseq);
  r |= osip_cseq_parse(cseq, "1 INVITE");
  r |= osip_cseq_to_str(cseq, &s);
  osip_free(s);
  r |= osip_cseq_clone(cseq, &cseq2);
  osip_cseq_set_number(cseq2, osip_strdup("2"));
  osip_cseq_set_method(cseq2, osip_strdup("BYE"));
  r |= (osip_cseq_get_number(cseq2) != NULL) + (osip_cseq_get_method(cseq2) != NULL);
  r |= osip_cseq_match(cseq, cseq2) + (cseq2->method != NULL) + (cseq2->number != NULL);
  osip_cseq_free(cseq2);
  osip_cseq_free(cseq);

  /* Content-Type, Accept (a content type) */
  r |= osip_content_type_init(&ct);
  r |= osip_content_type_parse(ct, "text/plain;charset=utf-8");
  r |= osip_content_type_to_str(ct, &s);
  osip_free(s);
  r |= osip_content_type_clone(ct, &ct2);
  r |= osip_content_type_param_add(ct2, osip_strdup("x"), NULL);
  r |= osip_content_type_param_get_byname(ct2, (char *) "charset", &gp);
  r |= (ct2->type != NULL) + (ct2->subtype != NULL) + osip_list_size(&ct2->gen_params);
  osip_content_type_free(ct2);
  osip_content_type_free(ct);
  r |= accept_init(&acc);
  r |= osip_accept_parse(acc, "application/sdp");
  r |= osip_accept_to_str(acc, &s);
  osip_free(s);
  r |= osip_accept_clone(acc, &acc2);
  r |= osip_accept_param_add(acc2, osip_strdup("q"), osip_strdup("1"));
  r |= osip_accept_param_get_byname(acc2, (char *) "q", &gp);
  osip_accept_free(acc2);
  osip_accept_free(acc);

  /* Content-Length and what is stored as one */
  r |= osip_content_length_init(&cl);
  r |= osip_content_length_parse(cl, "0");
  r |= osip_content_length_to_str(cl, &s);
  osip_free(s);
  r |= osip_content_length_clone(cl, &cl2);
  r |= (cl2->value != NULL);
  osip_content_length_free(cl2);
  osip_content_length_free(cl);
  r |= osip_content_encoding_init(&ce);
  r |= osip_content_encoding_parse(ce, "gzip");
  r |= osip_content_encoding_to_str(ce, &s);
  osip_free(s);
  r |= osip_content_encoding_clone(ce, &ce2);
  osip_content_encoding_free(ce2);
  osip_content_encoding_free(ce);
  r |= osip_mime_version_init(&mv);
  r |= osip_mime_version_parse(mv, "1.0");
  r |= osip_mime_version_to_str(mv, &s);
  osip_free(s);
  r |= osip_mime_version_clone(mv, &mv2);
  osip_mime_version_free(mv2);
  osip_mime_version_free(mv);
  r |= osip_allow_init(&allow);
  r |= osip_allow_parse(allow, "INVITE");
  r |= osip_allow_to_str(allow, &s);
  osip_free(s);
  r |= osip_allow_clone(allow, &allow2);
  osip_allow_free(allow2);
  osip_allow_free(allow);

  /* Accept-Encoding, Accept-Language */
  r |= osip_accept_encoding_init(&ae);
  r |= osip_accept_encoding_parse(ae, "gzip;q=0.5");
  r |= osip_accept_encoding_to_str(ae, &s);
  osip_free(s);
  r |= osip_accept_encoding_clone(ae, &ae2);
  osip_accept_encoding_set_element(ae2, osip_strdup("deflate"));
  r |= (osip_accept_encoding_get_element(ae2) != NULL) + (ae2->element != NULL);
  r |= osip_accept_encoding_param_add(ae2, osip_strdup("q"), osip_strdup("1"));
  r |= osip_accept_encoding_param_get_byname(ae2, (char *) "q", &gp);
  osip_accept_encoding_free(ae2);
  osip_accept_encoding_free(ae);
  r |= osip_accept_language_init(&al);
  r |= osip_accept_language_parse(al, "en");
  r |= osip_accept_language_to_str(al, &s);
  osip_free(s);
  r |= osip_accept_language_clone(al, &al2);
  osip_accept_language_set_element(al2, osip_strdup("fr"));
  r |= (osip_accept_language_get_element(al2) != NULL);
  r |= osip_accept_language_param_add(al2, osip_strdup("q"), osip_strdup("1"));
  r |= osip_accept_language_param_get_byname(al2, (char *) "q", &gp);
  osip_accept_language_free(al2);
  osip_accept_language_free(al);

  /* Call-Info and what is stored as one */
  r |= osip_call_info_init(&ci);
  r |= osip_call_info_parse(ci, "<http://x>;purpose=icon");
  r |= osip_call_info_to_str(ci, &s);
  osip_free(s);
  r |= osip_call_info_clone(ci, &ci2);
  osip_call_info_set_uri(ci2, osip_strdup("<http://y>"));
  r |= (osip_call_info_get_uri(ci2) != NULL) + (ci2->element != NULL) + osip_list_size(&ci2->gen_params);
  osip_call_info_free(ci2);
  osip_call_info_free(ci);
  r |= osip_alert_info_init(&alert);
  r |= osip_alert_info_parse(alert, "<http://x>");
  r |= osip_alert_info_to_str(alert, &s);
  osip_free(s);
  r |= osip_alert_info_clone(alert, &alert2);
  osip_alert_info_set_uri(alert2, osip_strdup("<http://y>"));
  r |= (osip_alert_info_get_uri(alert2) != NULL);
  osip_alert_info_free(alert2);
  osip_alert_info_free(alert);
  r |= osip_error_info_init(&ei);
  r |= osip_error_info_parse(ei, "<sip:e@x>");
  r |= osip_error_info_to_str(ei, &s);
  osip_free(s);
  r |= osip_error_info_clone(ei, &ei2);
  osip_error_info_set_uri(ei2, osip_strdup("<sip:f@x>"));
  r |= (osip_error_info_get_uri(ei2) != NULL);
  osip_error_info_free(ei2);
  osip_error_info_free(ei);
  r |= osip_content_disposition_init(&cd);
  r |= osip_content_disposition_parse(cd, "session;handling=required");
  r |= osip_content_disposition_to_str(cd, &s);
  osip_free(s);
  r |= osip_content_disposition_clone(cd, &cd2);
  osip_content_disposition_set_type(cd2, osip_strdup("render"));
  r |= (osip_content_disposition_get_type(cd2) != NULL);
  osip_content_disposition_free(cd2);
  osip_content_disposition_free(cd);

  /* Authorization, Proxy-Authorization */
  r |= osip_authorization_init(&auth);
  r |= osip_authorization_parse(auth, "Digest username=\"a\", realm=\"r\"");
  r |= osip_authorization_to_str(auth, &s);
  osip_free(s);
  r |= osip_authorization_clone(auth, &auth2);
  osip_authorization_set_auth_type(auth2, osip_strdup("Digest"));
  osip_authorization_set_username(auth2, osip_strdup("\"u\""));
  osip_authorization_set_realm(auth2, osip_strdup("\"r\""));
  osip_authorization_set_nonce(auth2, osip_strdup("\"n\""));
  osip_authorization_set_uri(auth2, osip_strdup("\"sip:x\""));
  osip_authorization_set_response(auth2, osip_strdup("\"x\""));
  osip_authorization_set_digest(auth2, osip_strdup("\"x\""));
  osip_authorization_set_algorithm(auth2, osip_strdup("MD5"));
  osip_authorization_set_cnonce(auth2, osip_strdup("\"c\""));
  osip_authorization_set_opaque(auth2, osip_strdup("\"o\""));
  osip_authorization_set_message_qop(auth2, osip_strdup("auth"));
  osip_authorization_set_nonce_count(auth2, osip_strdup("00000001"));
  osip_authorization_set_version(auth2, osip_strdup("1"));
  osip_authorization_set_targetname(auth2, osip_strdup("t"));
  osip_authorization_set_gssapi_data(auth2, osip_strdup("g"));
  osip_authorization_set_crand(auth2, osip_strdup("c"));
  osip_authorization_set_cnum(auth2, osip_strdup("1"));
  r |= (osip_authorization_get_auth_type(auth2) != NULL) + (osip_authorization_get_username(auth2) != NULL);
  r |= (osip_authorization_get_realm(auth2) != NULL) + (osip_authorization_get_nonce(auth2) != NULL);
  r |= (osip_authorization_get_uri(auth2) != NULL) + (osip_authorization_get_response(auth2) != NULL);
  r |= (osip_authorization_get_digest(auth2) != NULL) + (osip_authorization_get_algorithm(auth2) != NULL);
  r |= (osip_authorization_get_cnonce(auth2) != NULL) + (osip_authorization_get_opaque(auth2) != NULL);
  r |= (osip_authorization_get_message_qop(auth2) != NULL) + (osip_authorization_get_nonce_count(auth2) != NULL);
  r |= (osip_authorization_get_version(auth2) != NULL) + (osip_authorization_get_targetname(auth2) != NULL);
  r |= (osip_authorization_get_gssapi_data(auth2) != NULL) + (osip_authorization_get_crand(auth2) != NULL);
  r |= (osip_authorization_get_cnum(auth2) != NULL) + (auth2->auth_param != NULL);
  osip_authorization_free(auth2);
  osip_authorization_free(auth);
  r |= osip_proxy_authorization_init(&pauth);
  r |= osip_proxy_authorization_parse(pauth, "Digest username=\"a\"");
  r |= osip_proxy_authorization_to_str(pauth, &s);
  osip_free(s);
  r |= osip_proxy_authorization_clone(pauth, &pauth2);
  osip_proxy_authorization_set_auth_type(pauth2, osip_strdup("Digest"));
  osip_proxy_authorization_set_username(pauth2, osip_strdup("\"u\""));
  osip_proxy_authorization_set_realm(pauth2, osip_strdup("\"r\""));
  osip_proxy_authorization_set_nonce(pauth2, osip_strdup("\"n\""));
  osip_proxy_authorization_set_uri(pauth2, osip_strdup("\"sip:x\""));
  osip_proxy_authorization_set_response(pauth2, osip_strdup("\"x\""));
  osip_proxy_authorization_set_digest(pauth2, osip_strdup("\"x\""));
  osip_proxy_authorization_set_algorithm(pauth2, osip_strdup("MD5"));
  osip_proxy_authorization_set_cnonce(pauth2, osip_strdup("\"c\""));
  osip_proxy_authorization_set_opaque(pauth2, osip_strdup("\"o\""));
  osip_proxy_authorization_set_message_qop(pauth2, osip_strdup("auth"));
  osip_proxy_authorization_set_nonce_count(pauth2, osip_strdup("00000001"));
  osip_proxy_authorization_set_version(pauth2, osip_strdup("1"));
  osip_proxy_authorization_set_targetname(pauth2, osip_strdup("t"));
  osip_proxy_authorization_set_gssapi_data(pauth2, osip_strdup("g"));
  r |= (osip_proxy_authorization_get_auth_type(pauth2) != NULL) + (osip_proxy_authorization_get_username(pauth2) != NULL);
  r |= (osip_proxy_authorization_get_realm(pauth2) != NULL) + (osip_proxy_authorization_get_nonce(pauth2) != NULL);
  r |= (osip_proxy_authorization_get_uri(pauth2) != NULL) + (osip_proxy_authorization_get_response(pauth2) != NULL);
  r |= (osip_proxy_authorization_get_digest(pauth2) != NULL) + (osip_proxy_authorization_get_algorithm(pauth2) != NULL);
  r |= (osip_proxy_authorization_get_cnonce(pauth2) != NULL) + (osip_proxy_authorization_get_opaque(pauth2) != NULL);
  r |= (osip_proxy_authorization_get_message_qop(pauth2) != NULL) + (osip_proxy_authorization_get_nonce_count(pauth2) != NULL);
  r |= (osip_proxy_authorization_get_version(pauth2) != NULL) + (osip_proxy_authorization_get_targetname(pauth2) != NULL);
  r |= (osip_proxy_authorization_get_gssapi_data(pauth2) != NULL);
  osip_proxy_authorization_free(pauth2);
  osip_proxy_authorization_free(pauth);

  /* WWW-Authenticate, Proxy-Authenticate */
  r |= osip_www_authenticate_init(&www);
  r |= osip_www_authenticate_parse(www, "Digest realm=\"r\", nonce=\"n\"");
  r |= osip_www_authenticate_to_str(www, &s);
  osip_free(s);
  r |= osip_www_authenticate_clone(www, &www2);
  osip_www_authenticate_set_auth_type(www2, osip_strdup("Digest"));
  osip_www_authenticate_set_realm(www2, osip_strdup("\"r\""));
  osip_www_authenticate_set_domain(www2, osip_strdup("\"d\""));
  osip_www_authenticate_set_nonce(www2, osip_strdup("\"n\""));
  osip_www_authenticate_set_opaque(www2, osip_strdup("\"o\""));
  osip_www_authenticate_set_stale(www2, osip_strdup("true"));
  osip_www_authenticate_set_stale_true(www2);
  osip_www_authenticate_set_stale_false(www2);
  osip_www_authenticate_set_algorithm(www2, osip_strdup("MD5"));
  osip_www_authenticate_set_algorithm_MD5(www2);
  osip_www_authenticate_set_qop_options(www2, osip_strdup("\"auth\""));
  osip_www_authenticate_set_version(www2, osip_strdup("1"));
  osip_www_authenticate_set_targetname(www2, osip_strdup("t"));
  osip_www_authenticate_set_gssapi_data(www2, osip_strdup("g"));
  r |= (osip_www_authenticate_get_auth_type(www2) != NULL) + (osip_www_authenticate_get_realm(www2) != NULL);
  r |= (osip_www_authenticate_get_domain(www2) != NULL) + (osip_www_authenticate_get_nonce(www2) != NULL);
  r |= (osip_www_authenticate_get_opaque(www2) != NULL) + (osip_www_authenticate_get_stale(www2) != NULL);
  r |= (osip_www_authenticate_get_algorithm(www2) != NULL) + (osip_www_authenticate_get_qop_options(www2) != NULL);
  r |= (osip_www_authenticate_get_version(www2) != NULL) + (osip_www_authenticate_get_targetname(www2) != NULL);
  r |= (osip_www_authenticate_get_gssapi_data(www2) != NULL) + (www2->auth_param != NULL);
  osip_www_authenticate_free(www2);
  osip_www_authenticate_free(www);
  r |= osip_proxy_authenticate_init(&pwww);
  r |= osip_proxy_authenticate_parse(pwww, "Digest realm=\"r\"");
  r |= osip_proxy_authenticate_to_str(pwww, &s);
  osip_free(s);
  r |= osip_proxy_authenticate_clone(pwww, &pwww2);
  osip_proxy_authenticate_set_auth_type(pwww2, osip_strdup("Digest"));
  osip_proxy_authenticate_set_realm(pwww2, osip_strdup("\"r\""));
  osip_proxy_authenticate_set_domain(pwww2, osip_strdup("\"d\""));
  osip_proxy_authenticate_set_nonce(pwww2, osip_strdup("\"n\""));
  osip_proxy_authenticate_set_opaque(pwww2, osip_strdup("\"o\""));
  osip_proxy_authenticate_set_stale(pwww2, osip_strdup("true"));
  osip_proxy_authenticate_set_stale_true(pwww2);
  osip_proxy_authenticate_set_stale_false(pwww2);
  osip_proxy_authenticate_set_algorithm(pwww2, osip_strdup("MD5"));
  osip_proxy_authenticate_set_algorithm_MD5(pwww2);
  osip_proxy_authenticate_set_qop_options(pwww2, osip_strdup("\"auth\""));
  osip_proxy_authenticate_set_version(pwww2, osip_strdup("1"));
  osip_proxy_authenticate_set_targetname(pwww2, osip_strdup("t"));
  osip_proxy_authenticate_set_gssapi_data(pwww2, osip_strdup("g"));
  r |= (osip_proxy_authenticate_get_auth_type(pwww2) != NULL) + (osip_proxy_authenticate_get_realm(pwww2) != NULL);
  r |= (osip_proxy_authenticate_get_domain(pwww2) != NULL) + (osip_proxy_authenticate_get_nonce(pwww2) != NULL);
  r |= (osip_proxy_authenticate_get_opaque(pwww2) != NULL) + (osip_proxy_authenticate_get_stale(pwww2) != NULL);
  r |= (osip_proxy_authenticate_get_algorithm(pwww2) != NULL) + (osip_proxy_authenticate_get_qop_options(pwww2) != NULL);
  r |= (osip_proxy_authenticate_get_version(pwww2) != NULL) + (osip_proxy_authenticate_get_targetname(pwww2) != NULL);
  r |= (osip_proxy_authenticate_get_gssapi_data(pwww2) != NULL);
  osip_proxy_authenticate_free(pwww2);
  osip_proxy_authenticate_free(pwww);

  /* Authentication-Info, Proxy-Authentication-Info */
  r |= osip_authentication_info_init(&ai);
  r |= osip_authentication_info_parse(ai, "nextnonce=\"n\"");
  r |= osip_authentication_info_to_str(ai, &s);
  osip_free(s);
  r |= osip_authentication_info_clone(ai, &ai2);
  osip_authentication_info_set_auth_type(ai2, osip_strdup("Digest"));
  osip_authentication_info_set_nextnonce(ai2, osip_strdup("\"n\""));
  osip_authentication_info_set_cnonce(ai2, osip_strdup("\"c\""));
  osip_authentication_info_set_qop_options(ai2, osip_strdup("auth"));
  osip_authentication_info_set_rspauth(ai2, osip_strdup("\"r\""));
  osip_authentication_info_set_nonce_count(ai2, osip_strdup("00000001"));
  osip_authentication_info_set_snum(ai2, osip_strdup("1"));
  osip_authentication_info_set_srand(ai2, osip_strdup("1"));
  osip_authentication_info_set_targetname(ai2, osip_strdup("t"));
  osip_authentication_info_set_realm(ai2, osip_strdup("\"r\""));
  osip_authentication_info_set_opaque(ai2, osip_strdup("\"o\""));
  r |= (osip_authentication_info_get_auth_type(ai2) != NULL) + (osip_authentication_info_get_nextnonce(ai2) != NULL);
  r |= (osip_authentication_info_get_cnonce(ai2) != NULL) + (osip_authentication_info_get_qop_options(ai2) != NULL);
  r |= (osip_authentication_info_get_rspauth(ai2) != NULL) + (osip_authentication_info_get_nonce_count(ai2) != NULL);
  r |= (osip_authentication_info_get_snum(ai2) != NULL) + (osip_authentication_info_get_srand(ai2) != NULL);
  r |= (osip_authentication_info_get_targetname(ai2) != NULL) + (osip_authentication_info_get_realm(ai2) != NULL);
  r |= (osip_authentication_info_get_opaque(ai2) != NULL);
  osip_authentication_info_free(ai2);
  osip_authentication_info_free(ai);
  r |= osip_proxy_authentication_info_init(&pai);
  r |= osip_proxy_authentication_info_parse(pai, "nextnonce=\"n\"");
  r |= osip_proxy_authentication_info_to_str(pai, &s);
  osip_free(s);
  r |= osip_proxy_authentication_info_clone(pai, &pai2);
  osip_proxy_authentication_info_set_nextnonce(pai2, osip_strdup("\"n\""));
  osip_proxy_authentication_info_set_cnonce(pai2, osip_strdup("\"c\""));
  osip_proxy_authentication_info_set_qop_options(pai2, osip_strdup("auth"));
  osip_proxy_authentication_info_set_rspauth(pai2, osip_strdup("\"r\""));
  osip_proxy_authentication_info_set_nonce_count(pai2, osip_strdup("00000001"));
  osip_proxy_authentication_info_set_snum(pai2, osip_strdup("1"));
  osip_proxy_authentication_info_set_srand(pai2, osip_strdup("1"));
  osip_proxy_authentication_info_set_targetname(pai2, osip_strdup("t"));
  osip_proxy_authentication_info_set_realm(pai2, osip_strdup("\"r\""));
  osip_proxy_authentication_info_set_opaque(pai2, osip_strdup("\"o\""));
  r |= (osip_proxy_authentication_info_get_nextnonce(pai2) != NULL) + (osip_proxy_authentication_info_get_cnonce(pai2) != NULL);
  r |= (osip_proxy_authentication_info_get_qop_options(pai2) != NULL) + (osip_proxy_authentication_info_get_rspauth(pai2) != NULL);
  r |= (osip_proxy_authentication_info_get_nonce_count(pai2) != NULL) + (osip_proxy_authentication_info_get_snum(pai2) != NULL);
  r |= (osip_proxy_authentication_info_get_srand(pai2) != NULL) + (osip_proxy_authentication_info_get_targetname(pai2) != NULL);
  r |= (osip_proxy_authentication_info_get_realm(pai2) != NULL) + (osip_proxy_authentication_info_get_opaque(pai2) != NULL);
  osip_proxy_authentication_info_free(pai2);
  osip_proxy_authentication_info_free(pai);

  /* Headers kept by name and value */
  r |= osip_header_init(&h);
  osip_header_set_name(h, osip_strdup("X-A"));
  osip_header_set_value(h, osip_strdup("1"));
  r |= (osip_header_get_name(h) != NULL) + (osip_header_get_value(h) != NULL);
  r |= osip_header_to_str(h, &s);
  osip_free(s);
  r |= osip_header_clone(h, &h2);
  r |= (h2->hname != NULL) + (h2->hvalue != NULL);
  osip_header_free(h2);
  osip_header_free(h);
  return r;
}

/* ---- sdp_message.h */

int use_sdp(const char *buf);
int use_sdp(const char *buf) {
  sdp_message_t *sdp = NULL, *copy = NULL;
  sdp_bandwidth_t *bw = NULL;
  sdp_time_descr_t *td = NULL;
  sdp_key_t *key = NULL;
  sdp_attribute_t *attr = NULL;
  sdp_connection_t *conn = NULL;
  sdp_media_t *media = NULL;
  char *s = NULL;
  char *v[40];
  int i = 0;
  int r = 0;

  r |= sdp_bandwidth_init(&bw);
  r |= (bw->b_bwtype != NULL) + (bw->b_bandwidth != NULL);
  sdp_bandwidth_free(bw);
  r |= sdp_time_descr_init(&td);
  r |= (td->t_start_time != NULL) + (td->t_stop_time != NULL) + osip_list_size(&td->r_repeats);
  sdp_time_descr_free(td);
  r |= sdp_key_init(&key);
  r |= (key->k_keytype != NULL) + (key->k_keydata != NULL);
  sdp_key_free(key);
  r |= sdp_attribute_init(&attr);
  r |= (attr->a_att_field != NULL) + (attr->a_att_value != NULL);
  sdp_attribute_free(attr);
  r |= sdp_connection_init(&conn);
  r |= (conn->c_nettype != NULL) + (conn->c_addrtype != NULL) + (conn->c_addr != NULL);
  r |= (conn->c_addr_multicast_ttl != NULL) + (conn->c_addr_multicast_int != NULL);
  sdp_connection_free(conn);
  r |= sdp_media_init(&media);
  r |= (media->m_media != NULL) + (media->m_port != NULL) + (media->m_number_of_port != NULL);
  r |= (media->m_proto != NULL) + (media->i_info != NULL) + (media->k_key != NULL);
  r |= osip_list_size(&media->m_payloads) + osip_list_size(&media->c_connections);
  r |= osip_list_size(&media->b_bandwidths) + osip_list_size(&media->a_attributes);
  sdp_media_free(media);

  r |= sdp_message_init(&sdp);
  r |= sdp_message_parse(sdp, buf);
  r |= sdp_message_to_str(sdp, &s);
  osip_free(s);
  r |= sdp_message_clone(sdp, &copy);
  r |= sdp_message_v_version_set(copy, osip_strdup("0"));
  r |= sdp_message_o_origin_set(copy, osip_strdup("u"), osip_strdup("1"), osip_strdup("1"),
                                osip_strdup("IN"), osip_strdup("IP4"), osip_strdup("192.0.2.1"));
  r |= sdp_message_s_name_set(copy, osip_strdup("s"));
  r |= sdp_message_i_info_set(copy, -1, osip_strdup("i"));
  r |= sdp_message_u_uri_set(copy, osip_strdup("http://x"));
  r |= sdp_message_e_email_add(copy, osip_strdup("a@x"));
  r |= sdp_message_p_phone_add(copy, osip_strdup("+1"));
  r |= sdp_message_c_connection_add(copy, -1, osip_strdup("IN"), osip_strdup("IP4"),
                                    osip_strdup("192.0.2.1"), NULL, NULL);
  r |= sdp_message_b_bandwidth_add(copy, -1, osip_strdup("AS"), osip_strdup("64"));
  r |= sdp_message_t_time_descr_add(copy, osip_strdup("0"), osip_strdup("0"));
  r |= sdp_message_r_repeat_add(copy, 0, osip_strdup("1d"));
  r |= sdp_message_z_adjustments_set(copy, osip_strdup("0 0"));
  r |= sdp_message_k_key_set(copy, -1, osip_strdup("prompt"), NULL);
  r |= sdp_message_a_attribute_add(copy, -1, osip_strdup("sendrecv"), NULL);
  r |= sdp_message_m_media_add(copy, osip_strdup("audio"), osip_strdup("4000"), NULL, osip_strdup("RTP/AVP"));
  r |= sdp_message_m_port_set(copy, 0, osip_strdup("4002"));
  r |= sdp_message_m_payload_add(copy, 0, osip_strdup("0"));
  r |= sdp_message_m_payload_add(copy, 0, osip_strdup("8"));
  r |= sdp_message_m_payload_del(copy, 0, 1);
  r |= sdp_message_a_attribute_add(copy, 0, osip_strdup("rtpmap"), osip_strdup("0 PCMU/8000"));
  r |= sdp_message_a_attribute_add(copy, 0, osip_strdup("ptime"), osip_strdup("20"));
  r |= sdp_message_a_attribute_del_at_index(copy, 0, (char *) "ptime", 0);
  r |= sdp_message_a_attribute_del(copy, 0, (char *) "rtpmap");
  r |= sdp_message_endof_media(copy, 0);

  v[i++] = sdp_message_v_version_get(copy);
  v[i++] = sdp_message_o_username_get(copy);
  v[i++] = sdp_message_o_sess_id_get(copy);
  v[i++] = sdp_message_o_sess_version_get(copy);
  v[i++] = sdp_message_o_nettype_get(copy);
  v[i++] = sdp_message_o_addrtype_get(copy);
  v[i++] = sdp_message_o_addr_get(copy);
  v[i++] = sdp_message_s_name_get(copy);
  v[i++] = sdp_message_i_info_get(copy, -1);
  v[i++] = sdp_message_u_uri_get(copy);
  v[i++] = sdp_message_e_email_get(copy, 0);
  v[i++] = sdp_e_email_get(copy, 0);
  v[i++] = sdp_message_p_phone_get(copy, 0);
  v[i++] = sdp_message_c_nettype_get(copy, -1, 0);
  v[i++] = sdp_message_c_addrtype_get(copy, -1, 0);
  v[i++] = sdp_message_c_addr_get(copy, -1, 0);
  v[i++] = sdp_message_c_addr_multicast_ttl_get(copy, -1, 0);
  v[i++] = sdp_message_c_addr_multicast_int_get(copy, -1, 0);
  v[i++] = sdp_message_b_bwtype_get(copy, -1, 0);
  v[i++] = sdp_message_b_bandwidth_get(copy, -1, 0);
  v[i++] = sdp_message_t_start_time_get(copy, 0);
  v[i++] = sdp_message_t_stop_time_get(copy, 0);
  v[i++] = sdp_message_r_repeat_get(copy, 0, 0);
  v[i++] = sdp_message_z_adjustments_get(copy);
  v[i++] = sdp_message_k_keytype_get(copy, -1);
  v[i++] = sdp_message_k_keydata_get(copy, -1);
  v[i++] = sdp_message_a_att_field_get(copy, -1, 0);
  v[i++] = sdp_message_a_att_value_get(copy, -1, 0);
  v[i++] = sdp_message_m_media_get(copy, 0);
  v[i++] = sdp_message_m_port_get(copy, 0);
  v[i++] = sdp_message_m_number_of_port_get(copy, 0);
  v[i++] = sdp_message_m_proto_get(copy, 0);
  v[i++] = sdp_message_m_payload_get(copy, 0, 0);
  conn = sdp_message_connection_get(copy, -1, 0);
  bw = sdp_message_bandwidth_get(copy, -1, 0);
  attr = sdp_message_attribute_get(copy, -1, 0);
  r |= (conn != NULL) + (bw != NULL) + (attr != NULL) + (v[0] != NULL);
  r |= (copy->v_version != NULL) + (copy->o_username != NULL) + (copy->o_sess_id != NULL);
  r |= (copy->o_sess_version != NULL) + (copy->o_nettype != NULL) + (copy->o_addrtype != NULL);
  r |= (copy->o_addr != NULL) + (copy->s_name != NULL) + (copy->i_info != NULL) + (copy->u_uri != NULL);
  r |= osip_list_size(&copy->e_emails) + osip_list_size(&copy->p_phones) + (copy->c_connection != NULL);
  r |= osip_list_size(&copy->b_bandwidths) + osip_list_size(&copy->t_descrs) + (copy->z_adjustments != NULL);
  r |= (copy->k_key != NULL) + osip_list_size(&copy->a_attributes) + osip_list_size(&copy->m_medias);
  sdp_message_free(copy);
  sdp_message_free(sdp);
  return r + i;
}

/* ---- osip_md5.h */

int use_md5(void);
int use_md5(void) {
  osip_MD5_CTX ctx;
  unsigned char digest[16];
  unsigned char data[] = "abc";
  UINT4 word = 0;
  UINT2 half = 0;
  POINTER p = data;

  osip_MD5Init(&ctx);
  osip_MD5Update(&ctx, p, 3);
  osip_MD5Final(digest, &ctx);
  return (int) (ctx.state[0] + ctx.count[0] + ctx.buffer[0] + word + half + digest[0]) + PROTOTYPES;
}

int main(void) {
  return use_port() + use_const(200) + use_list() + use_uri() + use_message("", 0) + use_headers() +
         use_sdp("v=0\r\n") + use_md5();
}
