/* The smallest libosip2 program: built with `pkg-config --cflags --libs
   libosip2` against an installed osip2-rs to check the install layout. */
#include <stdio.h>
#include <sys/time.h>
#include <osip2/osip.h>

int main(void) {
  osip_t *osip = NULL;
  osip_fifo_t *ff;
  int element = 42;

  if (osip_init(&osip) != 0)
    return 1;
  osip_set_application_context(osip, &element);
  ff = (osip_fifo_t *) osip_malloc(sizeof(osip_fifo_t));
  osip_fifo_init(ff);
  osip_fifo_add(ff, osip_get_application_context(osip));
  printf("hello from libosip2: %d\n", *(int *) osip_fifo_get(ff));
  osip_fifo_free(ff);
  osip_release(osip);
  return 0;
}
