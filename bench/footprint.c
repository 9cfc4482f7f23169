/*
 * The memory footprint of a group of processes: how much physical memory
 * they hold between them, each page counted once, whoever else maps it.
 *
 *   footprint PID...    prints "<kB resident> <kB swapped>"
 *
 * Why not PSS: PSS divides each shared page among every process on the
 * machine that maps it, so a side's PSS drops while other programs using
 * the same libraries run (on this shared machine, other checkouts' tests
 * start WebKitGTK and Chromium all day long: a bare WebKitGTK window
 * measured 209 MB alone and 128-152 MB beside them). The footprint counts
 * every page the group maps once, however many processes map it, inside
 * the group or out: what the group would cost a machine of its own (less
 * what it shares there with the display server, a few MB of libc, GLib and
 * X or Wayland libraries).
 *
 * How: for each process, each mapping with resident pages (from
 * /proc/PID/smaps) is looked up in /proc/PID/pagemap, which gives the
 * physical frame of each resident page (to root only: others read frame 0,
 * so this needs root); the frames of all the processes are sorted and
 * counted once each. Swapped-out pages have no frame: they are summed per
 * process (a page swapped out of two processes counts twice; the machine
 * this was written for has no swap). Built by bench/compare.sh with
 *   cc -O2 -o footprint footprint.c
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* pagemap's entry: bit 63 present, bit 62 swapped, bits 0-54 the frame. */
#define PAGE_PRESENT (1ULL << 63)
#define PAGE_SWAPPED (1ULL << 62)
#define FRAME_MASK ((1ULL << 55) - 1)
/* pagemap entries read at a time. */
#define CHUNK 4096

static uint64_t *frames;
static size_t frame_count, frame_capacity;
static uint64_t swapped_pages;

static void add_frame(uint64_t frame) {
  if (frame_count == frame_capacity) {
    frame_capacity = frame_capacity ? frame_capacity * 2 : 65536;
    frames = realloc(frames, frame_capacity * sizeof *frames);
    if (!frames) {
      perror("footprint");
      exit(1);
    }
  }
  frames[frame_count++] = frame;
}

/* The resident pages of addresses [start, end) of the process whose pagemap
 * is open as FD. */
static void read_range(int fd, uint64_t start, uint64_t end, long page) {
  static uint64_t entries[CHUNK];
  for (uint64_t first = start / page; first < end / page;) {
    size_t want = end / page - first;
    if (want > CHUNK) want = CHUNK;
    ssize_t got = pread(fd, entries, want * sizeof *entries, (off_t)(first * sizeof *entries));
    if (got <= 0) return; /* the process has gone, or the range with it */
    size_t n = (size_t)got / sizeof *entries;
    for (size_t i = 0; i < n; i++) {
      if (entries[i] & PAGE_PRESENT) {
        uint64_t frame = entries[i] & FRAME_MASK;
        if (frame == 0) {
          fprintf(stderr, "footprint: no page frames visible: run as root\n");
          exit(1);
        }
        add_frame(frame);
      } else if (entries[i] & PAGE_SWAPPED) {
        swapped_pages++;
      }
    }
    first += n;
  }
}

/* Adds one process's pages; a process that has gone adds nothing. */
static void add_process(const char *pid, long page) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%s/smaps", pid);
  FILE *smaps = fopen(path, "r");
  snprintf(path, sizeof path, "/proc/%s/pagemap", pid);
  int fd = open(path, O_RDONLY);
  if (!smaps || fd < 0) {
    if (smaps) fclose(smaps);
    if (fd >= 0) close(fd);
    return;
  }
  char line[4096];
  uint64_t start = 0, end = 0, kb;
  int have_range = 0;
  while (fgets(line, sizeof line, smaps)) {
    uint64_t a, b;
    /* A mapping's header ("start-end perms ..."), then its fields; a
     * mapping with resident pages (Rss above 0) is read, the rest (address
     * space only reserved, as JavaScriptCore's cages) is skipped. */
    if (sscanf(line, "%" SCNx64 "-%" SCNx64 " ", &a, &b) == 2 && strchr(line, '-') < strchr(line, ' ')) {
      start = a;
      end = b;
      have_range = 1;
    } else if (have_range && sscanf(line, "Rss: %" SCNu64, &kb) == 1) {
      if (kb > 0) read_range(fd, start, end, page);
      have_range = 0;
    }
  }
  fclose(smaps);
  close(fd);
}

static int by_value(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s PID...\n", argv[0]);
    return 2;
  }
  long page = sysconf(_SC_PAGESIZE);
  for (int i = 1; i < argc; i++) add_process(argv[i], page);
  qsort(frames, frame_count, sizeof *frames, by_value);
  uint64_t distinct = 0;
  for (size_t i = 0; i < frame_count; i++)
    if (i == 0 || frames[i] != frames[i - 1]) distinct++;
  printf("%" PRIu64 " %" PRIu64 "\n", distinct * (uint64_t)page / 1024, swapped_pages * (uint64_t)page / 1024);
  return 0;
}
