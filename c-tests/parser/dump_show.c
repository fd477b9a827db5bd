/* Field-by-field printers of every libosipparser2 structure. One line per
 * field, each line naming its full path, so a diff line says what differs.
 * Empty lists print nothing; NULL scalars print NULL. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <string.h>

#include "dump.h"



void check_list(const char *p, const osip_list_t *l) {
  const __node_t *n;
  int count = 0;

  if (l->nb_elt < 0) {
    o_printf("%s# = %d NEGATIVE\n", p, l->nb_elt);
    return;
  }
  for (n = l->node; n != NULL && count <= l->nb_elt; n = n->next)
    count++;
  if (count < l->nb_elt)
    o_printf("%s# = %d but only %d nodes\n", p, l->nb_elt, count);
}

/* Prints `p# = n` for a non-empty list; returns n. */
static int list_head(const char *p, const osip_list_t *l) {
  int n = osip_list_size(l);

  check_list(p, l);
  if (n > 0)
    o_printf("%s# = %d\n", p, n);
  return n;
}

void show_params(const char *p, const osip_list_t *l) {
  int i, n = list_head(p, l);

  for (i = 0; i < n; i++) {
    const osip_uri_param_t *u = osip_list_get(l, i);
    if (u == NULL) {
      o_printf("%s[%d] = NULL\n", p, i);
      continue;
    }
    o_printf("%s[%d] = ", p, i);
    o_str(u->gname);
    o_raw(" = ");
    o_str(u->gvalue);
    o_raw("\n");
  }
}

static void sub(char *out, const char *p, const char *field) { pathf(out, "%s.%s", p, field); }

void show_uri(const char *p, const osip_uri_t *u) {
  char q[PATH];

  if (u == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "scheme", u->scheme);
  o_kv(p, "username", u->username);
  o_kv(p, "password", u->password);
  o_kv(p, "host", u->host);
  o_kv(p, "port", u->port);
  sub(q, p, "url_params");
  show_params(q, &u->url_params);
  sub(q, p, "url_headers");
  show_params(q, &u->url_headers);
  o_kv(p, "string", u->string);
}

void show_via(const char *p, const osip_via_t *v) {
  char q[PATH];

  if (v == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "version", v->version);
  o_kv(p, "protocol", v->protocol);
  o_kv(p, "host", v->host);
  o_kv(p, "port", v->port);
  o_kv(p, "comment", v->comment);
  sub(q, p, "via_params");
  show_params(q, &v->via_params);
}

void show_from(const char *p, const osip_from_t *f) {
  char q[PATH];

  if (f == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "displayname", f->displayname);
  sub(q, p, "url");
  show_uri(q, f->url);
  sub(q, p, "gen_params");
  show_params(q, &f->gen_params);
}

void show_call_id(const char *p, const osip_call_id_t *c) {
  if (c == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "number", c->number);
  o_kv(p, "host", c->host);
}

void show_cseq(const char *p, const osip_cseq_t *c) {
  if (c == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "method", c->method);
  o_kv(p, "number", c->number);
}

void show_content_length(const char *p, const osip_content_length_t *c) {
  if (c == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "value", c->value);
}

void show_content_type(const char *p, const osip_content_type_t *c) {
  char q[PATH];

  if (c == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "type", c->type);
  o_kv(p, "subtype", c->subtype);
  sub(q, p, "gen_params");
  show_params(q, &c->gen_params);
}

void show_accept_encoding(const char *p, const osip_accept_encoding_t *a) {
  char q[PATH];

  if (a == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "element", a->element);
  sub(q, p, "gen_params");
  show_params(q, &a->gen_params);
}

void show_call_info(const char *p, const osip_call_info_t *c) {
  char q[PATH];

  if (c == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "element", c->element);
  sub(q, p, "gen_params");
  show_params(q, &c->gen_params);
}

void show_authorization(const char *p, const osip_authorization_t *a) {
  if (a == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "auth_type", a->auth_type);
  o_kv(p, "username", a->username);
  o_kv(p, "realm", a->realm);
  o_kv(p, "nonce", a->nonce);
  o_kv(p, "uri", a->uri);
  o_kv(p, "response", a->response);
  o_kv(p, "digest", a->digest);
  o_kv(p, "algorithm", a->algorithm);
  o_kv(p, "cnonce", a->cnonce);
  o_kv(p, "opaque", a->opaque);
  o_kv(p, "message_qop", a->message_qop);
  o_kv(p, "nonce_count", a->nonce_count);
  o_kv(p, "version", a->version);
  o_kv(p, "targetname", a->targetname);
  o_kv(p, "gssapi_data", a->gssapi_data);
  o_kv(p, "crand", a->crand);
  o_kv(p, "cnum", a->cnum);
  o_kv(p, "auth_param", a->auth_param);
}

void show_www_authenticate(const char *p, const osip_www_authenticate_t *w) {
  if (w == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "auth_type", w->auth_type);
  o_kv(p, "realm", w->realm);
  o_kv(p, "domain", w->domain);
  o_kv(p, "nonce", w->nonce);
  o_kv(p, "opaque", w->opaque);
  o_kv(p, "stale", w->stale);
  o_kv(p, "algorithm", w->algorithm);
  o_kv(p, "qop_options", w->qop_options);
  o_kv(p, "version", w->version);
  o_kv(p, "targetname", w->targetname);
  o_kv(p, "gssapi_data", w->gssapi_data);
  o_kv(p, "auth_param", w->auth_param);
}

void show_authentication_info(const char *p, const osip_authentication_info_t *a) {
  if (a == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "auth_type", a->auth_type);
  o_kv(p, "nextnonce", a->nextnonce);
  o_kv(p, "qop_options", a->qop_options);
  o_kv(p, "rspauth", a->rspauth);
  o_kv(p, "cnonce", a->cnonce);
  o_kv(p, "nonce_count", a->nonce_count);
  o_kv(p, "snum", a->snum);
  o_kv(p, "srand", a->srand);
  o_kv(p, "realm", a->realm);
  o_kv(p, "targetname", a->targetname);
  o_kv(p, "opaque", a->opaque);
}

void show_header(const char *p, const osip_header_t *h) {
  if (h == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "hname", h->hname);
  o_kv(p, "hvalue", h->hvalue);
}

void show_body(const char *p, const osip_body_t *b) {
  char q[PATH];

  if (b == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  sub(q, p, "body");
  o_blob(q, b->body, b->length);
  o_printf("%s.length = %zu\n", p, b->length);
  sub(q, p, "content_type");
  show_content_type(q, b->content_type);
  if (b->headers == NULL) {
    o_printf("%s.headers = NULL\n", p);
  } else {
    int i, n;
    sub(q, p, "headers");
    n = list_head(q, b->headers);
    for (i = 0; i < n; i++) {
      char r[PATH];
      pathf(r, "%s[%d]", q, i);
      show_header(r, osip_list_get(b->headers, i));
    }
  }
}

/* A list of elements of one type. */
#define SHOW_LIST(P, FIELD, LIST, SHOW, T)                                                                             \
  do {                                                                                                                 \
    char q_[PATH];                                                                                                     \
    int i_, n_;                                                                                                        \
    sub(q_, P, FIELD);                                                                                                 \
    n_ = list_head(q_, LIST);                                                                                          \
    for (i_ = 0; i_ < n_; i_++) {                                                                                      \
      char r_[PATH];                                                                                                   \
      pathf(r_, "%s[%d]", q_, i_);                                                                       \
      SHOW(r_, (const T *) osip_list_get(LIST, i_));                                                                   \
    }                                                                                                                  \
  } while (0)

void show_message(const char *p, const osip_message_t *m, int cache) {
  char q[PATH];

  if (m == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "sip_version", m->sip_version);
  sub(q, p, "req_uri");
  show_uri(q, m->req_uri);
  o_kv(p, "sip_method", m->sip_method);
  o_printf("%s.status_code = %d\n", p, m->status_code);
  o_kv(p, "reason_phrase", m->reason_phrase);
  SHOW_LIST(p, "accepts", &m->accepts, show_content_type, osip_content_type_t);
  SHOW_LIST(p, "accept_encodings", &m->accept_encodings, show_accept_encoding, osip_accept_encoding_t);
  SHOW_LIST(p, "accept_languages", &m->accept_languages, show_accept_encoding, osip_accept_encoding_t);
  SHOW_LIST(p, "alert_infos", &m->alert_infos, show_call_info, osip_call_info_t);
  SHOW_LIST(p, "allows", &m->allows, show_content_length, osip_content_length_t);
  SHOW_LIST(p, "authentication_infos", &m->authentication_infos, show_authentication_info,
            osip_authentication_info_t);
  SHOW_LIST(p, "authorizations", &m->authorizations, show_authorization, osip_authorization_t);
  sub(q, p, "call_id");
  show_call_id(q, m->call_id);
  SHOW_LIST(p, "call_infos", &m->call_infos, show_call_info, osip_call_info_t);
  SHOW_LIST(p, "contacts", &m->contacts, show_from, osip_from_t);
  SHOW_LIST(p, "content_encodings", &m->content_encodings, show_content_length, osip_content_length_t);
  sub(q, p, "content_length");
  show_content_length(q, m->content_length);
  sub(q, p, "content_type");
  show_content_type(q, m->content_type);
  sub(q, p, "cseq");
  show_cseq(q, m->cseq);
  SHOW_LIST(p, "error_infos", &m->error_infos, show_call_info, osip_call_info_t);
  sub(q, p, "from");
  show_from(q, m->from);
  sub(q, p, "mime_version");
  show_content_length(q, m->mime_version);
  SHOW_LIST(p, "proxy_authenticates", &m->proxy_authenticates, show_www_authenticate, osip_www_authenticate_t);
  SHOW_LIST(p, "proxy_authentication_infos", &m->proxy_authentication_infos, show_authentication_info,
            osip_authentication_info_t);
  SHOW_LIST(p, "proxy_authorizations", &m->proxy_authorizations, show_authorization, osip_authorization_t);
  SHOW_LIST(p, "record_routes", &m->record_routes, show_from, osip_from_t);
  SHOW_LIST(p, "routes", &m->routes, show_from, osip_from_t);
  sub(q, p, "to");
  show_from(q, m->to);
  SHOW_LIST(p, "vias", &m->vias, show_via, osip_via_t);
  SHOW_LIST(p, "www_authenticates", &m->www_authenticates, show_www_authenticate, osip_www_authenticate_t);
  SHOW_LIST(p, "headers", &m->headers, show_header, osip_header_t);
  SHOW_LIST(p, "bodies", &m->bodies, show_body, osip_body_t);
  if (cache) {
    o_printf("%s.message_property = %d\n", p, m->message_property);
    sub(q, p, "message");
    /* message_length can exceed the cached copy (a clone's copy is cut at
     * a NUL byte): print no more than the block holds. */
    o_blob(q, m->message, acct_clamp(m->message, m->message_length));
    o_printf("%s.message_length = %zu\n", p, m->message_length);
  }
  if (m->application_data != NULL)
    o_printf("%s.application_data = non-NULL\n", p);
}

/* ---- SDP ---- */

static void show_connection(const char *p, const sdp_connection_t *c) {
  if (c == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "c_nettype", c->c_nettype);
  o_kv(p, "c_addrtype", c->c_addrtype);
  o_kv(p, "c_addr", c->c_addr);
  o_kv(p, "c_addr_multicast_ttl", c->c_addr_multicast_ttl);
  o_kv(p, "c_addr_multicast_int", c->c_addr_multicast_int);
}

static void show_bandwidth(const char *p, const sdp_bandwidth_t *b) {
  if (b == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "b_bwtype", b->b_bwtype);
  o_kv(p, "b_bandwidth", b->b_bandwidth);
}

static void show_key(const char *p, const sdp_key_t *k) {
  if (k == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "k_keytype", k->k_keytype);
  o_kv(p, "k_keydata", k->k_keydata);
}

static void show_attribute(const char *p, const sdp_attribute_t *a) {
  if (a == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "a_att_field", a->a_att_field);
  o_kv(p, "a_att_value", a->a_att_value);
}

static void show_string(const char *p, const char *s) {
  o_printf("%s = ", p);
  o_str(s);
  o_raw("\n");
}

static void show_time_descr(const char *p, const sdp_time_descr_t *t) {
  if (t == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "t_start_time", t->t_start_time);
  o_kv(p, "t_stop_time", t->t_stop_time);
  SHOW_LIST(p, "r_repeats", &t->r_repeats, show_string, char);
}

static void show_media(const char *p, const sdp_media_t *m) {
  char q[PATH];

  if (m == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "m_media", m->m_media);
  o_kv(p, "m_port", m->m_port);
  o_kv(p, "m_number_of_port", m->m_number_of_port);
  o_kv(p, "m_proto", m->m_proto);
  SHOW_LIST(p, "m_payloads", &m->m_payloads, show_string, char);
  o_kv(p, "i_info", m->i_info);
  SHOW_LIST(p, "c_connections", &m->c_connections, show_connection, sdp_connection_t);
  SHOW_LIST(p, "b_bandwidths", &m->b_bandwidths, show_bandwidth, sdp_bandwidth_t);
  SHOW_LIST(p, "a_attributes", &m->a_attributes, show_attribute, sdp_attribute_t);
  sub(q, p, "k_key");
  show_key(q, m->k_key);
}

void show_sdp(const char *p, const sdp_message_t *s) {
  char q[PATH];

  if (s == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_kv(p, "v_version", s->v_version);
  o_kv(p, "o_username", s->o_username);
  o_kv(p, "o_sess_id", s->o_sess_id);
  o_kv(p, "o_sess_version", s->o_sess_version);
  o_kv(p, "o_nettype", s->o_nettype);
  o_kv(p, "o_addrtype", s->o_addrtype);
  o_kv(p, "o_addr", s->o_addr);
  o_kv(p, "s_name", s->s_name);
  o_kv(p, "i_info", s->i_info);
  o_kv(p, "u_uri", s->u_uri);
  SHOW_LIST(p, "e_emails", &s->e_emails, show_string, char);
  SHOW_LIST(p, "p_phones", &s->p_phones, show_string, char);
  sub(q, p, "c_connection");
  show_connection(q, s->c_connection);
  SHOW_LIST(p, "b_bandwidths", &s->b_bandwidths, show_bandwidth, sdp_bandwidth_t);
  SHOW_LIST(p, "t_descrs", &s->t_descrs, show_time_descr, sdp_time_descr_t);
  o_kv(p, "z_adjustments", s->z_adjustments);
  sub(q, p, "k_key");
  show_key(q, s->k_key);
  SHOW_LIST(p, "a_attributes", &s->a_attributes, show_attribute, sdp_attribute_t);
  SHOW_LIST(p, "m_medias", &s->m_medias, show_media, sdp_media_t);
}

/* Every getter of sdp_accessor.c over the valid positions and one past
 * the end; only non-NULL results print. */
static void acc(const char *p, const char *what, int a, int b, const char *v) {
  if (v == NULL)
    return;
  if (b == -99)
    o_printf("%s.%s(%d) = ", p, what, a);
  else
    o_printf("%s.%s(%d,%d) = ", p, what, a, b);
  o_str(v);
  o_raw("\n");
}

void sweep_sdp_accessors(const char *p, sdp_message_t *s) {
  int nm = osip_list_size(&s->m_medias);
  int nt = osip_list_size(&s->t_descrs);
  int pm, i;

  o_printf("%s.v_version_get = ", p);
  o_str(sdp_message_v_version_get(s));
  o_printf("\n%s.o_get = ", p);
  o_str(sdp_message_o_username_get(s));
  o_raw(" ");
  o_str(sdp_message_o_sess_id_get(s));
  o_raw(" ");
  o_str(sdp_message_o_sess_version_get(s));
  o_raw(" ");
  o_str(sdp_message_o_nettype_get(s));
  o_raw(" ");
  o_str(sdp_message_o_addrtype_get(s));
  o_raw(" ");
  o_str(sdp_message_o_addr_get(s));
  o_printf("\n%s.s_name_get = ", p);
  o_str(sdp_message_s_name_get(s));
  o_printf("\n%s.u_uri_get = ", p);
  o_str(sdp_message_u_uri_get(s));
  o_printf("\n%s.z_adjustments_get = ", p);
  o_str(sdp_message_z_adjustments_get(s));
  o_raw("\n");
  for (i = 0; i <= osip_list_size(&s->e_emails); i++)
    acc(p, "e_email_get", i, -99, sdp_message_e_email_get(s, i));
  for (i = 0; i <= osip_list_size(&s->p_phones); i++)
    acc(p, "p_phone_get", i, -99, sdp_message_p_phone_get(s, i));
  for (i = 0; i <= nt; i++) {
    int r, nr = 0;
    sdp_time_descr_t *td = osip_list_get(&s->t_descrs, i);
    acc(p, "t_start_time_get", i, -99, sdp_message_t_start_time_get(s, i));
    acc(p, "t_stop_time_get", i, -99, sdp_message_t_stop_time_get(s, i));
    if (td != NULL)
      nr = osip_list_size(&td->r_repeats);
    for (r = 0; r <= nr && td != NULL; r++)
      acc(p, "r_repeat_get", i, r, sdp_message_r_repeat_get(s, i, r));
  }
  for (pm = -1; pm <= nm; pm++)
    o_printf("%s.endof_media(%d) = %d\n", p, pm, sdp_message_endof_media(s, pm));
  for (pm = -1; pm <= nm; pm++) {
    sdp_media_t *med = pm >= 0 ? osip_list_get(&s->m_medias, pm) : NULL;
    int nc, nb, na;
    if (pm >= 0 && med == NULL) {
      /* one past the end: the getters must answer NULL */
      acc(p, "m_media_get", pm, -99, sdp_message_m_media_get(s, pm));
      acc(p, "m_port_get", pm, -99, sdp_message_m_port_get(s, pm));
      acc(p, "i_info_get", pm, -99, sdp_message_i_info_get(s, pm));
      acc(p, "c_addr_get", pm, 0, sdp_message_c_addr_get(s, pm, 0));
      acc(p, "a_att_field_get", pm, 0, sdp_message_a_att_field_get(s, pm, 0));
      continue;
    }
    acc(p, "i_info_get", pm, -99, sdp_message_i_info_get(s, pm));
    acc(p, "k_keytype_get", pm, -99, sdp_message_k_keytype_get(s, pm));
    acc(p, "k_keydata_get", pm, -99, sdp_message_k_keydata_get(s, pm));
    nc = pm < 0 ? (s->c_connection != NULL) : osip_list_size(&med->c_connections);
    nb = osip_list_size(pm < 0 ? &s->b_bandwidths : &med->b_bandwidths);
    na = osip_list_size(pm < 0 ? &s->a_attributes : &med->a_attributes);
    for (i = 0; i <= nc; i++) {
      acc(p, "c_nettype_get", pm, i, sdp_message_c_nettype_get(s, pm, i));
      acc(p, "c_addrtype_get", pm, i, sdp_message_c_addrtype_get(s, pm, i));
      acc(p, "c_addr_get", pm, i, sdp_message_c_addr_get(s, pm, i));
      acc(p, "c_addr_multicast_ttl_get", pm, i, sdp_message_c_addr_multicast_ttl_get(s, pm, i));
      acc(p, "c_addr_multicast_int_get", pm, i, sdp_message_c_addr_multicast_int_get(s, pm, i));
    }
    for (i = 0; i <= nb; i++) {
      acc(p, "b_bwtype_get", pm, i, sdp_message_b_bwtype_get(s, pm, i));
      acc(p, "b_bandwidth_get", pm, i, sdp_message_b_bandwidth_get(s, pm, i));
    }
    for (i = 0; i <= na; i++) {
      acc(p, "a_att_field_get", pm, i, sdp_message_a_att_field_get(s, pm, i));
      acc(p, "a_att_value_get", pm, i, sdp_message_a_att_value_get(s, pm, i));
    }
    if (pm >= 0) {
      int np = osip_list_size(&med->m_payloads);
      acc(p, "m_media_get", pm, -99, sdp_message_m_media_get(s, pm));
      acc(p, "m_port_get", pm, -99, sdp_message_m_port_get(s, pm));
      acc(p, "m_number_of_port_get", pm, -99, sdp_message_m_number_of_port_get(s, pm));
      acc(p, "m_proto_get", pm, -99, sdp_message_m_proto_get(s, pm));
      for (i = 0; i <= np; i++)
        acc(p, "m_payload_get", pm, i, sdp_message_m_payload_get(s, pm, i));
    }
  }
}
