/* capture.so: an LD_PRELOAD shim used by make-corpus.py to collect the SIP
 * messages the repository's C programs really parse and serialise.
 *
 * It interposes osip_message_parse / osip_message_parse_sipfrag (the input
 * buffer) and osip_message_to_str (the result) and writes each distinct
 * buffer to $CAPTURE_DIR/<fnv64>.<parse|frag|to_str>. It also replaces
 * osip_build_random_number with a fixed sequence so that programs that
 * make branches, tags and Call-IDs from it (the examples) produce the same
 * messages on every run. Built with -shared -fPIC, linked with -ldl. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <osipparser2/osip_message.h>

static void save(const char *buf, size_t len, const char *what) {
  const char *dir = getenv("CAPTURE_DIR");
  char path[4096];
  uint64_t h = 1469598103934665603ULL;
  size_t i;
  int fd;

  if (dir == NULL || buf == NULL)
    return;
  for (i = 0; i < len; i++) {
    h ^= (unsigned char) buf[i];
    h *= 1099511628211ULL;
  }
  snprintf(path, sizeof path, "%s/%016llx.%s", dir, (unsigned long long) h, what);
  fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0)
    return; /* already captured */
  while (len > 0) {
    ssize_t w = write(fd, buf, len);
    if (w <= 0)
      break;
    buf += w;
    len -= (size_t) w;
  }
  close(fd);
}

int osip_message_parse(osip_message_t *sip, const char *buf, size_t length) {
  static int (*real)(osip_message_t *, const char *, size_t);

  if (real == NULL)
    *(void **) &real = dlsym(RTLD_NEXT, "osip_message_parse");
  save(buf, length, "parse");
  return real(sip, buf, length);
}

int osip_message_parse_sipfrag(osip_message_t *sip, const char *buf, size_t length) {
  static int (*real)(osip_message_t *, const char *, size_t);

  if (real == NULL)
    *(void **) &real = dlsym(RTLD_NEXT, "osip_message_parse_sipfrag");
  save(buf, length, "frag");
  return real(sip, buf, length);
}

int osip_message_to_str(osip_message_t *sip, char **dest, size_t *len) {
  static int (*real)(osip_message_t *, char **, size_t *);
  size_t n = 0;
  int rc;

  if (real == NULL)
    *(void **) &real = dlsym(RTLD_NEXT, "osip_message_to_str");
  rc = real(sip, dest, &n);
  if (len != NULL)
    *len = n;
  if (rc == 0 && dest != NULL && *dest != NULL)
    save(*dest, n, "to_str");
  return rc;
}

unsigned int osip_build_random_number(void) {
  static unsigned int x = 12345;

  x = x * 1103515245u + 12345u;
  return (x >> 1) & 0x7fffffffu;
}
