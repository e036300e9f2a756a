// SPDX-License-Identifier: GPL-2.0
/*
 * Module files: what "-d sam", "-p qnet" or "mount ... /path/devnp-x.so"
 * name, where the file is, and loading it with finit_module(2).
 *
 * Drivers: IOPKT_MODULE_PATH, then /lib/modules/$(uname -r)/extra, then
 * "modprobe devnp-NAME". The core (iopkt.ko): IOPKT_MODULE_PATH, then
 * modprobe (so that /etc/modprobe.d options apply), then extra/.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libiopkt_internal.h"

#define DRIVER_PREFIX	"devnp-"
#define LSM_PREFIX	"lsm-"
#define LEGACY_PREFIX	"devn-"

static int has_prefix(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

static int has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && !strcmp(s + n - m, suf);
}

static int copy(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

	if (n >= len)
		return -1;
	memcpy(dst, src, n + 1);
	return 0;
}

static const char *kind_word(int kind)
{
	return kind == IOPKT_MOD_LSM ? "protocol module (lsm-*)" : "driver (devnp-*)";
}

int iopkt_module_names(const char *spec, int kind, struct iopkt_modfile *mf,
		       char *err, size_t errlen)
{
	const char *base, *prefix = NULL;
	char stem[NAME_MAX + 1];
	int prefkind = -1;
	size_t n;

	memset(mf, 0, sizeof(*mf));
	if (!spec || !*spec) {
		iopkt_err(err, errlen, "empty module name");
		return -1;
	}
	if (kind != -1 && kind != IOPKT_MOD_DRIVER && kind != IOPKT_MOD_LSM) {
		iopkt_err(err, errlen, "%s: bad module kind %d", spec, kind);
		return -1;
	}
	mf->is_path = strchr(spec, '/') != NULL;
	base = strrchr(spec, '/');
	base = base ? base + 1 : spec;
	if (!*base) {
		iopkt_err(err, errlen, "%s is a directory, not a module file", spec);
		return -1;
	}
	n = strlen(base);
	if (has_suffix(base, ".ko") || has_suffix(base, ".so"))
		n -= 3;
	if (n >= sizeof(stem)) {
		iopkt_err(err, errlen, "module name %s is too long", base);
		return -1;
	}
	memcpy(stem, base, n);
	stem[n] = '\0';

	if (has_prefix(stem, DRIVER_PREFIX)) {
		prefkind = IOPKT_MOD_DRIVER;
		prefix = DRIVER_PREFIX;
	} else if (has_prefix(stem, LSM_PREFIX)) {
		prefkind = IOPKT_MOD_LSM;
		prefix = LSM_PREFIX;
	} else if (has_prefix(stem, LEGACY_PREFIX)) {
		iopkt_err(err, errlen,
			  "%s is an io-net driver (devn-*): io-net drivers and devnp-shim are not supported on Linux",
			  spec);
		return -1;
	}

	if (kind == -1 && prefkind == -1) {
		iopkt_err(err, errlen,
			  "cannot tell the module type of %s: name it devnp-*.ko or lsm-*.ko",
			  spec);
		return -1;
	}
	if (kind != -1 && prefkind != -1 && kind != prefkind) {
		iopkt_err(err, errlen, "%s is a %s, not a %s", spec,
			  kind_word(prefkind), kind_word(kind));
		return -1;
	}
	mf->kind = kind == -1 ? prefkind : kind;

	if (prefkind == -1 && !mf->is_path) {
		/* a bare name: "sam" is devnp-sam.ko, "qnet" lsm-qnet.ko */
		prefix = mf->kind == IOPKT_MOD_DRIVER ? DRIVER_PREFIX : LSM_PREFIX;
		if (snprintf(mf->stem, sizeof(mf->stem), "%s%s", prefix, stem) >=
		    (int)sizeof(mf->stem)) {
			iopkt_err(err, errlen, "module name %s is too long", spec);
			return -1;
		}
	} else {
		memcpy(mf->stem, stem, n + 1);
	}
	copy(mf->entry, sizeof(mf->entry),
	     prefix ? mf->stem + strlen(prefix) : mf->stem);
	if (!mf->entry[0]) {
		iopkt_err(err, errlen, "%s names no module", spec);
		return -1;
	}
	copy(mf->modname, sizeof(mf->modname), mf->stem);
	for (char *p = mf->modname; *p; p++)
		if (*p == '-')
			*p = '_';

	if (mf->is_path) {
		/* a path is used as given, but QNX's ".so" means our ".ko" */
		if (copy(mf->file, sizeof(mf->file), spec)) {
			iopkt_err(err, errlen, "path %s is too long", spec);
			return -1;
		}
		if (has_suffix(mf->file, ".so"))
			strcpy(mf->file + strlen(mf->file) - 3, ".ko");
	} else {
		snprintf(mf->file, sizeof(mf->file), "%s.ko", mf->stem);
	}
	return 0;
}

static int is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

int iopkt_module_search(const char *file, const char *modpath,
			const char *moddir, char *out, size_t outlen,
			char *err, size_t errlen)
{
	char where[PATH_MAX + 64] = "";
	const char *p = modpath;

	while (p && *p) {
		const char *end = strchr(p, ':');
		int n = end ? (int)(end - p) : (int)strlen(p);

		if (n > 0 && snprintf(out, outlen, "%.*s/%s", n, p, file) <
		    (int)outlen && is_file(out))
			return 0;
		p = end ? end + 1 : NULL;
	}
	if (moddir && snprintf(out, outlen, "%s/extra/%s", moddir, file) <
	    (int)outlen && is_file(out))
		return 0;
	out[0] = '\0';

	if (modpath && *modpath)
		snprintf(where, sizeof(where), "%s (%s)", IOPKT_MODULE_PATH_ENV,
			 modpath);
	else
		snprintf(where, sizeof(where), "%s (unset)", IOPKT_MODULE_PATH_ENV);
	if (moddir)
		iopkt_err(err, errlen, "%s not found in %s or %s/extra", file,
			  where, moddir);
	else
		iopkt_err(err, errlen, "%s not found in %s", file, where);
	return -ENOENT;
}

static int module_loaded(const char *modname)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "/sys/module/%s", modname);
	return !stat(path, &st);
}

static int load_file(const char *path, char *err, size_t errlen)
{
	int fd, e;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		iopkt_err(err, errlen, "%s: %s", path, strerror(e));
		return -e;
	}
	if (!syscall(SYS_finit_module, fd, "", 0) || errno == EEXIST) {
		close(fd);
		return 0;
	}
	e = errno;
	close(fd);
	switch (e) {
	case EPERM:
		iopkt_err(err, errlen,
			  "loading %s needs root (CAP_SYS_MODULE): %s", path,
			  strerror(e));
		break;
	case ENOEXEC:
		iopkt_err(err, errlen,
			  "%s is not a module this kernel can load: %s (see dmesg)",
			  path, strerror(e));
		break;
	case ENOENT:
		iopkt_err(err, errlen,
			  "%s uses symbols the kernel does not have (is iopkt.ko from the same build loaded? see dmesg)",
			  path);
		break;
	case EINVAL:
		iopkt_err(err, errlen,
			  "%s was refused by the kernel: %s (built for another kernel? see dmesg)",
			  path, strerror(e));
		break;
	default:
		iopkt_err(err, errlen, "loading %s: %s (see dmesg)", path,
			  strerror(e));
	}
	return -e;
}

/* "modprobe -q NAME": 0 if it loaded it, else its exit status (> 0). */
static int run_modprobe(const char *name)
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return 127;
	if (!pid) {
		execlp("modprobe", "modprobe", "-q", name, (char *)NULL);
		execl("/sbin/modprobe", "modprobe", "-q", name, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 127;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128;
}

static void modprobe_failed(char *err, size_t errlen, const char *name,
			    int rc)
{
	size_t n;

	if (!err || !errlen)
		return;
	n = strlen(err);
	if (rc == 127)
		snprintf(err + n, errlen - n, ", and modprobe could not be run");
	else
		snprintf(err + n, errlen - n, ", and modprobe %s failed", name);
}

static void module_dir(char *out, size_t len)
{
	struct utsname u;

	if (uname(&u))
		snprintf(out, len, "/lib/modules/unknown");
	else
		snprintf(out, len, "/lib/modules/%s", u.release);
}

int iopkt_module_load(const char *spec, int kind, char *name, size_t namelen,
		      char *err, size_t errlen)
{
	struct iopkt_modfile mf;
	char moddir[PATH_MAX - 64], path[PATH_MAX];
	int rc;

	if (iopkt_module_names(spec, kind, &mf, err, errlen))
		return -EINVAL;
	if (name && copy(name, namelen, mf.entry)) {
		iopkt_err(err, errlen, "module name %s is too long", mf.entry);
		return -ENAMETOOLONG;
	}
	if (module_loaded(mf.modname))
		return 0;
	if (mf.is_path)
		return load_file(mf.file, err, errlen);

	module_dir(moddir, sizeof(moddir));
	rc = iopkt_module_search(mf.file, getenv(IOPKT_MODULE_PATH_ENV), moddir,
				 path, sizeof(path), err, errlen);
	if (!rc)
		return load_file(path, err, errlen);
	rc = run_modprobe(mf.stem);
	if (!rc)
		return 0;
	modprobe_failed(err, errlen, mf.stem, rc);
	return -ENOENT;
}

int iopkt_core_load(char *err, size_t errlen)
{
	char moddir[PATH_MAX - 64], path[PATH_MAX], msg[512];
	const char *modpath = getenv(IOPKT_MODULE_PATH_ENV);
	int rc;

	if (module_loaded("iopkt"))
		return 0;
	if (!iopkt_module_search("iopkt.ko", modpath, NULL, path, sizeof(path),
				 NULL, 0))
		return load_file(path, err, errlen);
	rc = run_modprobe("iopkt");
	if (!rc)
		return 0;
	module_dir(moddir, sizeof(moddir));
	if (!iopkt_module_search("iopkt.ko", NULL, moddir, path, sizeof(path),
				 NULL, 0))
		return load_file(path, err, errlen);
	iopkt_module_search("iopkt.ko", modpath, moddir, path, sizeof(path),
			    msg, sizeof(msg));
	modprobe_failed(msg, sizeof(msg), "iopkt", rc);
	iopkt_err(err, errlen, "cannot load the iopkt core: %s", msg);
	return -ENOENT;
}
