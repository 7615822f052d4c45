// SPDX-License-Identifier: Apache-2.0
// slowfs: a FUSE file system whose fsync takes SLOWFS_FSYNC_MS milliseconds (default 1500),
// for the flight recorder's end-to-end test: one call made slow for real, in the kernel's
// fsync path, without slowing anything else. Files live in memory (sizes only; reads return
// zeros). Usage: SLOWFS_FSYNC_MS=1500 slowfs -f MOUNTPOINT; fusermount3 -u MOUNTPOINT ends it.
#define FUSE_USE_VERSION 31
#include <errno.h>
#include <fuse.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_FILES 64
static struct { char name[256]; off_t size; int used; } files[MAX_FILES];
static long fsync_ms = 1500;

static int find(const char *path) {
  if (path[0] != '/' || strchr(path + 1, '/')) return -1;
  for (int i = 0; i < MAX_FILES; i++)
    if (files[i].used && strcmp(files[i].name, path + 1) == 0) return i;
  return -1;
}

static int fs_getattr(const char *path, struct stat *st, struct fuse_file_info *fi) {
  (void) fi;
  memset(st, 0, sizeof *st);
  if (strcmp(path, "/") == 0) {
    st->st_mode = S_IFDIR | 0755;
    st->st_nlink = 2;
    return 0;
  }
  int i = find(path);
  if (i < 0) return -ENOENT;
  st->st_mode = S_IFREG | 0644;
  st->st_nlink = 1;
  st->st_size = files[i].size;
  return 0;
}

static int fs_readdir(const char *path, void *buf, fuse_fill_dir_t fill, off_t off,
                      struct fuse_file_info *fi, enum fuse_readdir_flags flags) {
  (void) off; (void) fi; (void) flags;
  if (strcmp(path, "/") != 0) return -ENOENT;
  fill(buf, ".", NULL, 0, 0);
  fill(buf, "..", NULL, 0, 0);
  for (int i = 0; i < MAX_FILES; i++)
    if (files[i].used) fill(buf, files[i].name, NULL, 0, 0);
  return 0;
}

static int fs_create(const char *path, mode_t mode, struct fuse_file_info *fi) {
  (void) mode; (void) fi;
  if (find(path) >= 0) return 0;
  if (path[0] != '/' || strchr(path + 1, '/') || strlen(path + 1) >= 256) return -EINVAL;
  for (int i = 0; i < MAX_FILES; i++)
    if (!files[i].used) {
      files[i].used = 1;
      files[i].size = 0;
      strcpy(files[i].name, path + 1);
      return 0;
    }
  return -ENOSPC;
}

static int fs_open(const char *path, struct fuse_file_info *fi) {
  (void) fi;
  return find(path) < 0 ? -ENOENT : 0;
}

static int fs_read(const char *path, char *buf, size_t size, off_t off, struct fuse_file_info *fi) {
  (void) fi;
  int i = find(path);
  if (i < 0) return -ENOENT;
  if (off >= files[i].size) return 0;
  if ((off_t) size > files[i].size - off) size = files[i].size - off;
  memset(buf, 0, size);
  return (int) size;
}

static int fs_write(const char *path, const char *buf, size_t size, off_t off,
                    struct fuse_file_info *fi) {
  (void) buf; (void) fi;
  int i = find(path);
  if (i < 0) return -ENOENT;
  if (off + (off_t) size > files[i].size) files[i].size = off + size;
  return (int) size;
}

static int fs_truncate(const char *path, off_t size, struct fuse_file_info *fi) {
  (void) fi;
  int i = find(path);
  if (i < 0) return -ENOENT;
  files[i].size = size;
  return 0;
}

static int fs_unlink(const char *path) {
  int i = find(path);
  if (i < 0) return -ENOENT;
  files[i].used = 0;
  return 0;
}

static int fs_utimens(const char *path, const struct timespec tv[2], struct fuse_file_info *fi) {
  (void) tv; (void) fi;
  return find(path) < 0 ? -ENOENT : 0;
}

static int fs_fsync(const char *path, int datasync, struct fuse_file_info *fi) {
  (void) path; (void) datasync; (void) fi;
  struct timespec ts = {fsync_ms / 1000, (fsync_ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) != 0) {
  }
  return 0;
}

static const struct fuse_operations ops = {
  .getattr = fs_getattr, .readdir = fs_readdir, .create = fs_create, .open = fs_open,
  .read = fs_read, .write = fs_write, .truncate = fs_truncate, .unlink = fs_unlink,
  .utimens = fs_utimens, .fsync = fs_fsync,
};

int main(int argc, char *argv[]) {
  const char *ms = getenv("SLOWFS_FSYNC_MS");
  if (ms) fsync_ms = atol(ms);
  return fuse_main(argc, argv, &ops, NULL);
}
