/* port: what the utilities of libosipparser2 compute (osip_port.h, the
 * tokenizers the header parsers share, traces, MD5), printed one result a
 * line, to be diffed between Debian's library and ours (tests/parser_port.rs
 * runs it with each). The functions that no installed header declares are
 * declared here as Debian's build defines them.
 *
 * Lines starting with `~` are informative (not compared): timestamps,
 * random numbers. Only inputs on which Debian's library neither crashes nor
 * writes out of bounds are used (those are in docs/deviations.md). */
#define _DEFAULT_SOURCE
#include <osipparser2/osip_md5.h>
#include <osipparser2/osip_port.h>
#include <osipparser2/osip_uri.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int __osip_quoted_string_set(const char *name, const char *str, char **result, const char **next);
int __osip_token_set(const char *name, const char *str, char **result, const char **next);
const char *next_separator(const char *ch, int separator_osip_to_find, int before_separator);
char *__osip_uri_escape_nonascii_and_nondef(const char *string, const char *def);
char *__osip_uri_escape_userinfo(const char *string);
char *__osip_uri_escape_password(const char *string);
char *__osip_uri_escape_uri_param(char *string);
char *__osip_uri_escape_header_param(char *string);
void __osip_uri_unescape(char *string);
int __osip_find_next_occurence(const char *str, const char *buf, const char **index_of_str, const char *end_of_buf);
int __osip_find_next_crlf(const char *start_of_header, const char **end_of_header);
int __osip_find_next_crlfcrlf(const char *start_of_part, const char **end_of_part);

extern const char *osip_error_table[];
extern const char *osip_protocol_version;
extern const char *userinfo_def;
extern const char *password_def;
extern const char *uri_param_def;
extern const char *header_param_def;
extern FILE *logfile;
extern int tracing_table[8];

#include "hooks.h"

/* A returned string: its text, whether the hooks allocated it, freed. */
static void owned_str(char *s) {
  show_owned(s);
  putchar('\n');
}
/* A position inside `base`, or NULL. */
static void at(const char *base, const char *p) {
  if (p == NULL)
    printf("NULL");
  else
    printf("+%ld", (long) (p - base));
}

static const char *samples[] = {"",        " ",      "a",           "  a  ",    "\t\r\n a b \r\n\t",
                                "\"",      "\"\"",   "\"ab\"",      "\"ab",     "ab\"",
                                "a\\\"b",  "\"a\\\"b\"", "\"a\\\\b\"", "\"a\\\"", "SIP/2.0",
                                "MiXeD Ca5e", "\xc3\xa9t\xc3\xa9", "\x7f\x01", "a\x0b\x0c", "x\r\ny"};
#define NSAMPLES (sizeof samples / sizeof samples[0])

static void strings(void) {
  size_t i, n;
  char buf[64];
  for (i = 0; i < NSAMPLES; i++) {
    const char *s = samples[i];
    printf("sample ");
    esc(s);
    putchar('\n');
    printf("  strdup = ");
    owned_str(osip_strdup(s));
    if (strcmp(s, "\"") != 0) { /* Debian writes before its block */
      printf("  strdup_without_quote = ");
      owned_str(osip_strdup_without_quote(s));
    }
    printf("  enquote = ");
    owned_str(osip_enquote(s));
    strcpy(buf, s);
    osip_dequote(buf);
    printf("  dequote = ");
    esc(buf);
    strcpy(buf, s);
    printf("\n  clrspace = %d ", osip_clrspace(buf));
    esc(buf);
    strcpy(buf, s);
    printf("\n  tolower = %d ", osip_tolower(buf));
    esc(buf);
    printf("\n  hash = %lu\n", osip_hash(s));
    for (n = 0; n <= strlen(s) + 1; n++) {
      char *r;
      memset(buf, 'Z', sizeof buf);
      r = osip_clrncpy(buf, s, n);
      printf("  clrncpy(%zu) = %s ", n, r == NULL ? "NULL" : r == buf ? "dst" : "?");
      esc_n(buf, n + 2);
      putchar('\n');
      memset(buf, 'Z', sizeof buf);
      r = osip_strncpy(buf, s, n);
      printf("  strncpy(%zu) = %s ", n, r == buf ? "dst" : "?");
      esc_n(buf, n + 2);
      putchar('\n');
    }
  }
  memset(buf, 'Z', sizeof buf);
  printf("clrncpy(NULL src) = %s ", osip_clrncpy(buf, NULL, 3) == NULL ? "NULL" : "?");
  esc_n(buf, 3);
  printf("\nclrspace(NULL) = %d\n", osip_clrspace(NULL));
  printf("strdup(NULL) = ");
  owned_str(osip_strdup(NULL));
  {
    char d[32], *e;
    memset(d, 'Z', sizeof d);
    e = osip_str_append(d, "abc");
    printf("str_append = +%ld ", (long) (e - d));
    esc_n(d, 5);
    e = osip_strn_append(e, "defgh", 2);
    printf("\nstrn_append = +%ld ", (long) (e - d));
    esc_n(d, 7);
    putchar('\n');
  }
}

static void numbers(void) {
  static const char *nums[] = {"0",  "42",   "-5x",  "x",    "  +7",  "\t\n\v\f\r-8", "- 5",
                               "99999999999", "4294967301", "2147483648", "-2147483649",
                               "9223372036854775806", "9223372036854775807", "9223372036854775808",
                               "-9223372036854775807", "-9223372036854775808", "99999999999999999999",
                               "0x10", "007", ""};
  size_t i;
  for (i = 0; i < sizeof nums / sizeof nums[0]; i++) {
    printf("atoi(");
    esc(nums[i]);
    printf(") = %d\n", osip_atoi(nums[i]));
  }
  printf("atoi(NULL) = %d\n", osip_atoi(NULL));
  for (i = 0; i <= 70; i++)
    printf("strerror(%d) = %s\n", -(int) i, osip_strerror(-(int) i));
  printf("strerror(1) = %s\nstrerror(-1000) = %s\n", osip_strerror(1), osip_strerror(-1000));
  for (i = 0; i < 61; i++)
    printf("osip_error_table[%zu] = %s\n", i, osip_error_table[i]);
  printf("osip_protocol_version = %s\n", osip_protocol_version);
  printf("userinfo_def = %s\npassword_def = %s\nuri_param_def = %s\nheader_param_def = %s\n", userinfo_def,
         password_def, uri_param_def, header_param_def);
  printf("~random %u %u\n", osip_build_random_number(), osip_build_random_number());
  osip_usleep(1000);
  osip_usleep(0);
  osip_usleep(-1);
  printf("usleep ok\n");
}

static void compares(void) {
  static const char *pairs[][2] = {{"a", "B"},     {"abc", "ABC"}, {"ab", "abc"}, {"abc", "ab"}, {"", ""},
                                   {"", "x"},      {"Via", "via"}, {"\xe9", "a"}, {"a\xe9", "A\xc9"},
                                   {"z", "["},     {"[", "z"},     {"sip:", "SIP:x"}};
  static const char *hay[][2] = {{"Hello World", "WORLD"}, {"abc", ""},   {"", "a"},     {"abc", "abcd"},
                                 {"aaab", "AAB"},          {"xYz", "y"}, {"ab", "b"},   {"\xe9\xc9", "\xc9"}};
  size_t i, n;
  for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
    printf("strcasecmp(");
    esc(pairs[i][0]);
    printf(", ");
    esc(pairs[i][1]);
    printf(") = %d\n", osip_strcasecmp(pairs[i][0], pairs[i][1]));
    for (n = 0; n < 6; n++)
      printf("  strncasecmp(%zu) = %d\n", n, osip_strncasecmp(pairs[i][0], pairs[i][1], n));
  }
  for (i = 0; i < sizeof hay / sizeof hay[0]; i++) {
    printf("strcasestr(");
    esc(hay[i][0]);
    printf(", ");
    esc(hay[i][1]);
    printf(") = ");
    at(hay[i][0], osip_strcasestr(hay[i][0], hay[i][1]));
    putchar('\n');
  }
}

static void tokens(void) {
  static const char *bufs[] = {"INVITE sip:a@b SIP/2.0", " x", "abc", "ab\r\ncd", "ab\ncd", "ab cd\r", "",
                               "a:b",  "\xe9:x",          "x\xe9y"};
  static const int seps[] = {' ', ':', '\r', '\n', 0, 0xe9, -23, 256 + ':'};
  static const char *quoted[] = {"\"abc\"",  "ab\\\"c\"",  "ab\\\\\"c", "\\\"x",  "\\\\\"x",
                                 "abc",      "a\"b\"c",   "\\\\\\\"\"", "\" jonathan ros \\\\\\\"\"",
                                 "\\", "x\\\"\\\"y\"", ""};
  size_t i, j;
  for (i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
    for (j = 0; j < sizeof seps / sizeof seps[0]; j++) {
      char *dest = (char *) "untouched", *next = (char *) "x";
      char copy[64];
      int r;
      strcpy(copy, bufs[i]);
      r = __osip_set_next_token(&dest, copy, seps[j], &next);
      printf("set_next_token(");
      esc(bufs[i]);
      printf(", %d) = %d ", seps[j], r);
      at(copy, next);
      putchar(' ');
      if (r == 0)
        owned_str(dest);
      else {
        esc(dest);
        putchar('\n');
      }
    }
  for (i = 0; i < sizeof quoted / sizeof quoted[0]; i++) {
    printf("quote_find(");
    esc(quoted[i]);
    printf(") = ");
    at(quoted[i], __osip_quote_find(quoted[i]));
    putchar('\n');
  }
  {
    static const char *ns[] = {"a=b;c", "a;c=b", "abc", "a=b", "ab", ";=", "=;"};
    static const int sp[][2] = {{'=', ';'}, {'=', 0}, {0, ';'}, {';', '='}, {'=', 256}, {'=' + 256, ';'}};
    for (i = 0; i < sizeof ns / sizeof ns[0]; i++)
      for (j = 0; j < sizeof sp / sizeof sp[0]; j++) {
        printf("next_separator(");
        esc(ns[i]);
        printf(", %d, %d) = ", sp[j][0], sp[j][1]);
        at(ns[i], next_separator(ns[i], sp[j][0], sp[j][1]));
        putchar('\n');
      }
  }
}

static void params(void) {
  static const char *values[] = {
      "Digest realm=\"atlanta.com\", nonce=\"n\"", " realm=\"atlanta.com\", nonce=\"n\"",
      ", nonce=\"n\"", "nonce=\"n\"", " username=bob, realm=\"r\"", " realm=x", " realm", " opaque=\"\", x",
      " opaque=\"\"  \r\n  x", "realmx=\"a\"", "realm = \"a\"  ", "realm  =\"a\\\"b\" ,algorithm=MD5",
      " algorithm=MD5 , stale=true", "stale=true", "stale = TRUE ,", "abcd", "a=b", "stale=,x=y", ",,, stale=x",
      "algorithmx=y", "qop=\"auth\"\r\n", "nc=00000001, qop=auth", "=\"x\"", "realm=\"x\" \t", "realm=\"\"",
      "stale=x\r\n y"};
  static const char *names[] = {"realm", "nonce", "opaque", "algorithm", "stale", "username", "qop", "nc", ""};
  size_t i, j;
  for (i = 0; i < sizeof values / sizeof values[0]; i++)
    for (j = 0; j < sizeof names / sizeof names[0]; j++) {
      const char *next = (const char *) 1;
      char *res = NULL;
      int r;
      if (names[j][0] == '\0' && values[i][0] == '=')
        continue; /* Debian reads before the string */
      r = __osip_quoted_string_set(names[j], values[i], &res, &next);
      printf("quoted_string_set(%s, ", names[j]);
      esc(values[i]);
      printf(") = %d ", r);
      at(values[i], next);
      putchar(' ');
      owned_str(res);
      next = (const char *) 1;
      res = NULL;
      r = __osip_token_set(names[j], values[i], &res, &next);
      printf("token_set(%s, ", names[j]);
      esc(values[i]);
      printf(") = %d ", r);
      at(values[i], next);
      putchar(' ');
      owned_str(res);
    }
  {
    const char *next = NULL;
    char *res = (char *) "set";
    int r = __osip_quoted_string_set("realm", " realm=\"a\"", &res, &next);
    printf("quoted_string_set(already set) = %d %s\n", r, next ? "str" : "NULL");
    r = __osip_token_set("realm", " realm=a", &res, &next);
    printf("token_set(already set) = %d %s\n", r, next ? "str" : "NULL");
  }
}

static void lines(void) {
  static const char *texts[] = {"ab\r\ncd",         "ab\rcd",      "ab\ncd",           "ab",
                                "ab\r\n cd",        "ab\n\tcd",    "ab\r",             "\r\n\r\nbody",
                                "a\r\nb\r\n\r\nbody", "a\nb\n\nbody", "a\rb\r\rbody",    "a\r\nb\r\n",
                                "a\r\nb\r\n\r",      "\n",          "",                 "a\r\nb\n\r\nc",
                                "a\n\r\n"};
  size_t i;
  for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    const char *end = (const char *) 1;
    int r = __osip_find_next_crlf(texts[i], &end);
    printf("find_next_crlf(");
    esc(texts[i]);
    printf(") = %d ", r);
    at(texts[i], end);
    putchar('\n');
    if (r == -2)
      continue; /* Debian's crlfcrlf dereferences NULL there */
    end = NULL;
    r = __osip_find_next_crlfcrlf(texts[i], &end);
    printf("find_next_crlfcrlf(");
    esc(texts[i]);
    printf(") = %d ", r);
    at(texts[i], end);
    putchar('\n');
  }
  {
    static const char buf[] = "x\0y--b\0\0z--bend";
    static const char *needles[] = {"--b", "z", "end", "nope", "", "x"};
    size_t n, ends[] = {0, 1, 2, 6, 8, 11, sizeof buf - 1};
    for (i = 0; i < sizeof needles / sizeof needles[0]; i++)
      for (n = 0; n < sizeof ends / sizeof ends[0]; n++) {
        const char *idx = (const char *) 1;
        int r = __osip_find_next_occurence(needles[i], buf, &idx, buf + ends[n]);
        printf("find_next_occurence(%s, end +%zu) = %d ", needles[i], ends[n], r);
        at(buf, idx);
        putchar('\n');
      }
    {
      const char *idx = (const char *) 1;
      int r = __osip_find_next_occurence(NULL, buf, &idx, buf + 3);
      printf("find_next_occurence(NULL) = %d ", r);
      at(buf, idx);
      putchar('\n');
    }
  }
}

/* Traces. */
static void sink(const char *fi, int li, osip_trace_level_t level, const char *chfr, va_list ap) {
  char buf[4096];
  vsnprintf(buf, sizeof buf, chfr, ap);
  printf("sink %s:%d level %d: ", fi ? fi : "(null)", li, (int) level);
  esc(buf);
  putchar('\n');
}

static void table(const char *what) {
  int i;
  printf("%s: table", what);
  for (i = 0; i < 8; i++)
    printf(" %d", tracing_table[i]);
  printf(" active");
  for (i = 0; i < 8; i++)
    printf(" %d", osip_is_trace_level_activate((osip_trace_level_t) i));
  printf(" logfile %s\n", logfile == NULL ? "NULL" : logfile == stdout ? "stdout" : "other");
}

/* What a trace wrote to `f`, the timestamp masked. */
static void show_file(FILE *f) {
  char line[4200];
  rewind(f);
  while (fgets(line, sizeof line, f) != NULL) {
    char *p;
    for (p = line + 10; p < line + 34 && *p; p++)
      if (*p >= '0' && *p <= '9')
        *p = 'N';
    printf("file: ");
    esc(line);
    putchar('\n');
  }
}

static void traces(void) {
  FILE *f;
  pid_t pid;
  int fds[2];
  char out[8192];
  ssize_t n;

  table("initial");
  /* Nothing configured: the first trace turns WARNING and below on, to
   * stdout (in a child, to see its stdout). */
  fflush(stdout);
  if (pipe(fds) == 0 && (pid = fork()) == 0) {
    dup2(fds[1], 1);
    osip_trace("/x/y/osip_message_parse.c", 886, OSIP_ERROR, NULL, "auto %d %s\n", 42, "x");
    osip_trace("a.c", 1, OSIP_INFO1, NULL, "not shown\n");
    table("after auto");
    fflush(stdout);
    _exit(0);
  }
  close(fds[1]);
  {
    size_t got = 0;
    while (got < sizeof out - 1 && (n = read(fds[0], out + got, sizeof out - 1 - got)) > 0)
      got += (size_t) n;
    out[got] = '\0';
  }
  close(fds[0]);
  wait(NULL);
  {
    char *p;
    for (p = out + 10; p < out + 34 && *p; p++)
      if (*p >= '0' && *p <= '9')
        *p = 'N';
  }
  printf("child stdout: ");
  esc(out);
  putchar('\n');

  f = tmpfile();
  printf("initialize = %d\n", osip_trace_initialize(OSIP_INFO2, f));
  table("initialize(INFO2, file)");
  osip_trace("/a/b/osip_message_parse.c", 886, OSIP_ERROR, NULL, "int %d str %s char %c long %ld\n", -7, "s", 'c',
             123456789012L);
  osip_trace("abcdefghijklmnop.c", 123456, OSIP_INFO1, NULL, "%s %s %s %s %s %s %s %s %d %d\n", "1", "2", "3", "4",
             "5", "6", "7", "8", 9, 10);
  osip_trace("c\\d\\win.c", 7, OSIP_WARNING, NULL, "doubles %.2f %.3f %g %d %f %f %f %f %f %f %f %f\n", 1.5, 2.25,
             1e10, 3, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);
  osip_trace("x.c", 1, OSIP_INFO2, NULL, "off\n");
  osip_trace(NULL, 2, OSIP_FATAL, NULL, "no file\n");
  osip_trace("x.c", 3, OSIP_BUG, f, "explicit file %u %x\n", 4000000000u, 255);
  {
    char big[3000];
    memset(big, 'b', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    osip_trace("big.c", 4, OSIP_ERROR, NULL, "%s\n", big);
  }
  show_file(f);
  fclose(f);
  osip_trace_enable_until_level(OSIP_ERROR);
  table("enable_until(ERROR)");
  osip_trace_enable_level(OSIP_INFO4);
  osip_trace_disable_level(OSIP_FATAL);
  table("enable(INFO4) disable(FATAL)");
  osip_trace_initialize_func(OSIP_INFO3, sink);
  table("initialize_func(INFO3)");
  osip_trace("/p/q/r.c", 10, OSIP_INFO2, NULL, "to the sink %d %s %.1f\n", 1, "two", 3.0);
  osip_trace("r.c", 11, OSIP_INFO3, NULL, "off\n");
  osip_trace("r.c", 12, OSIP_ERROR, stdout, "sink even with a file %d %d %d %d %d %d %d\n", 1, 2, 3, 4, 5, 6, 7);
  {
    osip_uri_t *u = NULL;
    osip_uri_init(&u);
    printf("uri_parse(bad) = %d\n", osip_uri_parse(u, "sip:a@b:99999999"));
    osip_uri_free(u);
  }
  osip_trace_initialize_func(OSIP_FATAL, NULL);
  table("initialize_func(FATAL, NULL)");
}

static void md5(void) {
  static const char *texts[] = {"", "a", "abc", "message digest", "abcdefghijklmnopqrstuvwxyz",
                                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                                "12345678901234567890123456789012345678901234567890123456789012345678901234567890"};
  size_t i, j, step;
  for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
    for (step = 1; step <= 64; step *= 4) {
      osip_MD5_CTX ctx;
      unsigned char d[16];
      const unsigned char *t = (const unsigned char *) texts[i];
      size_t len = strlen(texts[i]);
      osip_MD5Init(&ctx);
      for (j = 0; j < len; j += step)
        osip_MD5Update(&ctx, (unsigned char *) t + j, (unsigned) (len - j < step ? len - j : step));
      osip_MD5Final(d, &ctx);
      printf("md5(\"%s\", step %zu) =", texts[i], step);
      for (j = 0; j < 16; j++)
        printf(" %02x", d[j]);
      printf(" ctx after:");
      for (j = 0; j < 4; j++)
        printf(" %x", ctx.state[j]);
      printf(" %x %x %d\n", ctx.count[0], ctx.count[1], ctx.buffer[0]);
    }
  {
    osip_MD5_CTX ctx;
    unsigned char big[1000], d[16];
    memset(big, 'x', sizeof big);
    osip_MD5Init(&ctx);
    printf("md5 init: %x %x %x %x %u %u\n", ctx.state[0], ctx.state[1], ctx.state[2], ctx.state[3], ctx.count[0],
           ctx.count[1]);
    for (i = 0; i < 3000; i++)
      osip_MD5Update(&ctx, big, sizeof big);
    printf("md5 3e6 count %u %u\n", ctx.count[0], ctx.count[1]);
    osip_MD5Update(&ctx, big, 0);
    osip_MD5Final(d, &ctx);
    printf("md5 3e6 =");
    for (j = 0; j < 16; j++)
      printf(" %02x", d[j]);
    putchar('\n');
  }
}

/* The URI API's NULL handling where Debian's survives it. */
static void uri_api(void) {
  osip_uri_param_t *p = (osip_uri_param_t *) 1;
  osip_uri_t *u = NULL;
  char *s = (char *) 1;
  int r;
  r = osip_uri_param_get_byname(NULL, (char *) "a", &p);
  printf("uri_param_get_byname(NULL list) = %d %s\n", r, p ? "set" : "NULL");
  printf("uri_param_get_byname(NULL list, \"\") = %d\n", osip_uri_param_get_byname(NULL, (char *) "", &p));
  printf("uri_get_host(NULL) = %s\n", osip_uri_get_host(NULL) ? "set" : "NULL");
  r = osip_uri_to_str(NULL, &s);
  printf("uri_to_str(NULL) = %d %s\n", r, s ? "set" : "NULL");
  printf("uri_clone(NULL) = %d\n", osip_uri_clone(NULL, &u));
  printf("uri_param_clone(NULL) = %d\n", osip_uri_param_clone(NULL, &p));
  osip_uri_param_freelist(NULL);
  osip_uri_free(NULL);
  osip_uri_init(&u);
  printf("uri_parse(u, NULL) = %d\n", osip_uri_parse(u, NULL));
  printf("uri_to_str(empty) = %d\n", osip_uri_to_str(u, &s));
  osip_uri_set_host(u, osip_strdup("h"));
  osip_uri_param_add(&u->url_params, osip_strdup(" a "), osip_strdup(" b "));
  osip_uri_param_add(&u->url_params, osip_strdup("x-obp"), NULL);
  osip_uri_param_add(&u->url_headers, osip_strdup("h"), osip_strdup("v w"));
  printf("uri_to_str(built) = %d ", osip_uri_to_str(u, &s));
  owned_str(s);
  r = osip_uri_param_get_byname(&u->url_params, (char *) "A", &p);
  printf("uri_param_get_byname(A) = %d %s\n", r, p && p->gvalue ? p->gvalue : "NULL");
  printf("escape_userinfo = ");
  owned_str(__osip_uri_escape_userinfo("a b;?@\xe9"));
  printf("escape_password = ");
  owned_str(__osip_uri_escape_password("a b;?@\xe9"));
  printf("escape_uri_param = ");
  owned_str(__osip_uri_escape_uri_param((char *) "a b;?@[]=\xe9"));
  printf("escape_header_param = ");
  owned_str(__osip_uri_escape_header_param((char *) "a b;?@[]=\xe9"));
  printf("escape_nonascii_and_nondef = ");
  owned_str(__osip_uri_escape_nonascii_and_nondef("a b;?@", " ;"));
  /* A byte above 0x7f in the allowed set is escaped all the same. */
  printf("escape_nonascii_and_nondef(high allowed) = ");
  owned_str(__osip_uri_escape_nonascii_and_nondef("a\xe9" "b", "\xe9"));
  {
    char t[] = "a%20b%zz";
    __osip_uri_unescape(t);
    printf("unescape = ");
    esc(t);
    putchar('\n');
  }
  osip_uri_free(u);
}

/* osip_list_clone's element copier for lists of strings. */
static int clone_str(void *from, void **to) {
  *to = osip_strdup((const char *) from);
  return *to == NULL ? OSIP_NOMEM : OSIP_SUCCESS;
}

static void free_str(void *p) {
  osip_free(p);
}

static void show_list(const char *what, osip_list_t *li) {
  int i;
  printf("%s: size %d eol(0) %d eol(size) %d:", what, osip_list_size(li), osip_list_eol(li, 0),
         osip_list_eol(li, osip_list_size(li)));
  for (i = 0; !osip_list_eol(li, i); i++)
    printf(" %s", (char *) osip_list_get(li, i));
  putchar('\n');
}

/* The list functions no other program calls, the URI accessors of the
 * user part and port, the allocator hooks as data, syslog tracing. */
static void api_rest(void) {
  osip_list_t a, b;
  osip_list_iterator_t it;
  osip_uri_t *u = NULL;
  char *s = NULL;
  void *e;
  const char *words[] = {"one", "two", "three", "four"};
  int i;

  printf("osip_realloc_func is the hook: %d\n", osip_realloc_func == h_realloc);
  osip_list_init(&a);
  osip_list_init(&b);
  for (i = 0; i < 4; i++)
    osip_list_add(&a, osip_strdup(words[i]), -1);
  show_list("a", &a);
  printf("clone = %d\n", osip_list_clone(&a, &b, clone_str));
  show_list("b", &b);
  /* Remove every element with an 'o' while iterating. */
  for (e = osip_list_get_first(&b, &it); osip_list_iterator_has_elem(it);) {
    if (strchr((char *) e, 'o') != NULL) {
      osip_free(e);
      e = osip_list_iterator_remove(&it);
    } else
      e = osip_list_get_next(&it);
  }
  show_list("b without o", &b);
  osip_list_ofchar_free(&a);
  show_list("a after ofchar_free", &a);
  osip_list_special_free(&b, free_str);

  osip_uri_init(&u);
  osip_uri_set_scheme(u, osip_strdup("sips"));
  osip_uri_set_username(u, osip_strdup("alice"));
  osip_uri_set_password(u, osip_strdup("secret"));
  osip_uri_set_host(u, osip_strdup("example.com"));
  osip_uri_set_port(u, osip_strdup("5061"));
  printf("uri scheme %s user %s password %s port %s\n", osip_uri_get_scheme(u), osip_uri_get_username(u),
         osip_uri_get_password(u), osip_uri_get_port(u));
  printf("uri_to_str = %d ", osip_uri_to_str(u, &s));
  owned_str(s);
  /* The setters replace without freeing (as every _set_ of the library). */
  osip_free(osip_uri_get_port(u));
  osip_uri_set_port(u, NULL);
  osip_free(osip_uri_get_password(u));
  osip_uri_set_password(u, NULL);
  printf("without port and password: port %s password %s\n", osip_uri_get_port(u) ? "set" : "NULL",
         osip_uri_get_password(u) ? "set" : "NULL");
  osip_uri_free(u);
  printf("uri getters of NULL: %d\n", osip_uri_get_scheme(NULL) == NULL && osip_uri_get_username(NULL) == NULL &&
                                           osip_uri_get_password(NULL) == NULL && osip_uri_get_port(NULL) == NULL);

  /* Last: syslog tracing stays on for the rest of the process. Nothing is
   * traced here, so nothing reaches syslog. */
  osip_trace_initialize_syslog(TRACE_LEVEL0, (char *) "port");
  printf("syslog tracing, level ERROR on: %d\n", osip_is_trace_level_activate(OSIP_ERROR));
}

/* __osip_generic_param_parseall (what every header parser calls on its
 * `;params`), osip_uri_param_set and the generic accessors. */
int __osip_generic_param_parseall(osip_list_t *gen_params, const char *params);
char *osip_generic_param_get_name(const osip_uri_param_t *fparam);
char *osip_generic_param_get_value(const osip_uri_param_t *fparam);
void osip_generic_param_set_name(osip_uri_param_t *fparam, char *name);
void osip_generic_param_set_value(osip_uri_param_t *fparam, char *value);

static void generic(void) {
  static const char *inputs[] = {";tag=1;lr",  "; a = b ;c",   ";tag=",       ";tag= ",      ";x=\"a;b\";y",
                                 ";x=\"a;b",   ";a=;b",        ";a= ;b",      ";a;",         ";a;;b",
                                 ";=x",        ";",            "x",           ";a=\"q \\\" ;\";b=2",
                                 ";a=  \"x\" ;b", ";a=b,c;d",   ";a=,",        ";a=\t,x",    ";received=1.2.3.4;rport",
                                 ";  ;a",      ";a=\"\";b",   ";a=1=2",      ";A=B;a=c",    ";branch=z9hG4bK;x=\"\\\"\"",
                                 ";q=0.7;expires=3600", ";a\r\n=b", ";a=b;"};
  size_t i;
  for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
    osip_uri_t *u = NULL;
    osip_uri_param_t *p;
    int r, k;
    osip_uri_init(&u);
    r = __osip_generic_param_parseall(&u->url_params, inputs[i]);
    printf("parseall(");
    esc(inputs[i]);
    printf(") = %d", r);
    for (k = 0; (p = (osip_uri_param_t *) osip_list_get(&u->url_params, k)) != NULL; k++) {
      printf(" [");
      esc(osip_generic_param_get_name(p));
      printf("=");
      esc(osip_generic_param_get_value(p));
      printf("]");
    }
    putchar('\n');
    osip_uri_free(u);
  }
  {
    osip_uri_param_t *p = NULL;
    char *n, *v;
    osip_uri_param_init(&p);
    n = osip_strdup("  name\t");
    v = osip_strdup(" \r\n ");
    osip_uri_param_set(p, n, v);
    printf("param_set: same pointers %d %d, ", p->gname == n, p->gvalue == v);
    esc(p->gname);
    putchar(' ');
    esc(p->gvalue);
    putchar('\n');
    osip_generic_param_set_value(p, NULL);
    osip_free(v);
    printf("get_value after set_value(NULL) = %s\n", osip_generic_param_get_value(p) ? "set" : "NULL");
    osip_generic_param_set_name(p, NULL);
    osip_free(n);
    osip_generic_param_set_value(p, osip_strdup("v"));
    printf("get_value without name = %s\n", osip_generic_param_get_value(p) ? "set" : "NULL");
    osip_uri_param_free(p);
  }
  {
    const char *saved = userinfo_def;
    userinfo_def = "";
    printf("escape_userinfo with userinfo_def \"\" = ");
    owned_str(__osip_uri_escape_userinfo("a;b"));
    userinfo_def = saved;
  }
}

int main(int argc, char **argv) {
  const char *only = argc > 1 ? argv[1] : "";
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (strstr("traces", only) || !*only)
    traces(); /* first: it checks the state before any configuration */
  osip_set_allocators(h_malloc, h_realloc, h_free);
  if (!*only || !strcmp(only, "strings"))
    strings();
  if (!*only || !strcmp(only, "numbers"))
    numbers();
  if (!*only || !strcmp(only, "compares"))
    compares();
  if (!*only || !strcmp(only, "tokens"))
    tokens();
  if (!*only || !strcmp(only, "params"))
    params();
  if (!*only || !strcmp(only, "lines"))
    lines();
  if (!*only || !strcmp(only, "md5"))
    md5();
  if (!*only || !strcmp(only, "uri"))
    uri_api();
  if (!*only || !strcmp(only, "generic"))
    generic();
  if (!*only || !strcmp(only, "rest"))
    api_rest();
  printf("leak = %ld blocks, foreign frees = %ld\n", live, foreign);
  return 0;
}
