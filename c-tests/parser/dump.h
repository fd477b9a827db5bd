/* Shared declarations of the libosipparser2 differential dump (see README.md). */
#ifndef PARSER_DUMP_H
#define PARSER_DUMP_H

#include <stddef.h>

#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_message.h>
#include <osipparser2/osip_port.h>
#include <osipparser2/sdp_message.h>
#include <osipparser2/headers/osip_content_disposition.h>

/* ---- output (dump_util.c) ----
 * Everything a unit prints is appended to one in-memory buffer which is
 * written to the output descriptor by out_flush(); a crash handler can
 * write it with write(2) alone, so output up to a crash is not lost. */
void out_init(void);
void out_set_fd(int fd);
void out_close_current(void); /* closes a non-stdout descriptor, back to stdout */
void out_flush(void);
void out_crash_flush(void); /* async-signal-safe */
void o_printf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
void o_esc(const char *b, size_t n, int quote); /* escaped bytes */
void o_str(const char *s);                      /* "escaped" or NULL */
/* `p.field = "value"` */
void o_kv(const char *p, const char *field, const char *s);
/* A byte string on as many `p| ` lines as it has line ends. */
void o_blob(const char *p, const char *b, size_t n);
/* Captures: everything printed between cap_begin and cap_end is removed
 * from the output and returned (malloc'd, NUL-terminated). */
size_t cap_begin(void);
char *cap_end(size_t mark);
void o_raw(const char *s);
/* snprintf into a PATH_MAX-sized path buffer (silently truncated). */
#define PATH 512
void pathf(char *out, const char *fmt, ...);

/* ---- allocator accounting (dump_util.c) ---- */
void acct_install(void);
struct acct_snapshot {
  unsigned long mallocs, reallocs, frees, foreign_frees, failed;
  size_t live_bytes, live_blocks, peak_bytes;
};
void acct_get(struct acct_snapshot *s);
int acct_owned(const void *p); /* 1 if p is a live block from the hooks */
/* min(n, size of the live block at p) when p is one; n otherwise. */
size_t acct_clamp(const void *p, size_t n);
/* Releases every live block (after a unit's leak report; the blocks are
 * unreachable by then). Returns the number of blocks released. */
size_t acct_release_all(void);
void acct_reset_counts(void);
/* Prints `p.own = NOT-FROM-HOOKS` when a returned buffer did not come
 * from the application's allocator. */
void check_owned(const char *p, const void *ptr);

/* ---- structure printers (dump_show.c) ---- */
void show_uri(const char *p, const osip_uri_t *u);
void show_params(const char *p, const osip_list_t *l);
void show_via(const char *p, const osip_via_t *v);
void show_from(const char *p, const osip_from_t *f);
void show_call_id(const char *p, const osip_call_id_t *c);
void show_cseq(const char *p, const osip_cseq_t *c);
void show_content_length(const char *p, const osip_content_length_t *c);
void show_content_type(const char *p, const osip_content_type_t *c);
void show_accept_encoding(const char *p, const osip_accept_encoding_t *a);
void show_call_info(const char *p, const osip_call_info_t *c);
void show_authorization(const char *p, const osip_authorization_t *a);
void show_www_authenticate(const char *p, const osip_www_authenticate_t *w);
void show_authentication_info(const char *p, const osip_authentication_info_t *a);
void show_header(const char *p, const osip_header_t *h);
void show_body(const char *p, const osip_body_t *b);
/* cache: also the to_str cache fields (message_property, message...). */
void show_message(const char *p, const osip_message_t *m, int cache);
void show_sdp(const char *p, const sdp_message_t *s);
void sweep_sdp_accessors(const char *p, sdp_message_t *s);
/* Walks a list's nodes; prints a line only if the node chain and nb_elt
 * disagree. */
void check_list(const char *p, const osip_list_t *l);

/* ---- per-type runners (dump.c) ---- */
int kind_run(const char *kind, const char *value, const char *p, int with_message_setter);

#endif
