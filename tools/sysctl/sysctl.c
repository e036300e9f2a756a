// SPDX-License-Identifier: GPL-2.0
/*
 * sysctl: get or set the state of the stack, with NetBSD's names and output.
 *
 *   sysctl [-enq] name[=value]...
 *   sysctl [-enq] -w name=value...
 *   sysctl [-enq] -a
 *
 * NetBSD names (table.c) map to /proc/sys files of the stack instance's
 * network namespace (SOCK=/alt picks the instance). A name that is not a
 * NetBSD one but names a /proc/sys file (net.ipv4.ip_forward) is passed
 * through, so that Linux scripts keep working with this sysctl first in
 * PATH.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/libiopkt_internal.h"
#include "sysctl.h"

#define MAX_FIELDS	8

static const char *prog = "sysctl";
static int opt_n, opt_q, opt_e;

static void usage(FILE *f)
{
	fprintf(f,
		"usage: %s [-enq] name[=value] ...\n"
		"       %s [-enq] -w name=value ...\n"
		"       %s [-enq] -a\n", prog, prog, prog);
}

static int read_file(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd, e;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	e = errno;
	close(fd);
	if (n < 0)
		return -e;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	buf[n] = '\0';
	return 0;
}

static int write_file(const char *path, const char *val)
{
	size_t n = strlen(val);
	int fd, e;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, val, n) != (ssize_t)n) {
		e = errno ? errno : EIO;
		close(fd);
		return -e;
	}
	if (close(fd))
		return -errno;
	return 0;
}

/* Split BUF in place into at most MAX_FIELDS whitespace-separated fields. */
static int split(char *buf, char **f)
{
	int n = 0;

	for (char *tok = strtok(buf, " \t\n"); tok && n < MAX_FIELDS;
	     tok = strtok(NULL, " \t\n"))
		f[n++] = tok;
	return n;
}

/* VALUE: what we tried to set, NULL when reading. */
static void file_error(const char *name, const char *path, int e,
		       const char *value)
{
	if (e == ENOENT)
		fprintf(stderr, "%s: %s: not available in this kernel (%s: %s)\n",
			prog, name, path, strerror(e));
	else if ((e == EACCES || e == EPERM) && value)
		fprintf(stderr, "%s: %s: %s (setting needs root) (%s)\n", prog,
			name, strerror(e), path);
	else if (value)
		fprintf(stderr, "%s: %s: cannot set %s: %s (%s)\n", prog, name,
			value, strerror(e), path);
	else
		fprintf(stderr, "%s: %s: %s (%s)\n", prog, name, strerror(e),
			path);
}

static int get_value(const struct sysctl_node *s, long *v, int quiet_enoent)
{
	char buf[256], *f[MAX_FIELDS];
	int rc, n;

	if (s->kind == SC_CONST) {
		*v = 0;
		return 0;
	}
	rc = read_file(s->path, buf, sizeof(buf));
	if (rc) {
		if (!(quiet_enoent && rc == -ENOENT))
			file_error(s->name, s->path, -rc, NULL);
		return rc;
	}
	n = split(buf, f);
	if (n <= s->field || iopkt_parse_long(f[s->field], LONG_MIN, LONG_MAX, v)) {
		fprintf(stderr, "%s: %s: unexpected contents in %s\n", prog,
			s->name, s->path);
		return -EINVAL;
	}
	if (s->kind == SC_INVERT)
		*v = !*v;
	return 0;
}

static void print_value(const char *name, const char *value)
{
	if (opt_n)
		printf("%s\n", value);
	else
		printf("%s%s%s\n", name, opt_e ? "=" : " = ", value);
}

static int show(const struct sysctl_node *s, int quiet_enoent)
{
	char buf[32];
	long v;
	int rc = get_value(s, &v, quiet_enoent);

	if (rc)
		return rc == -ENOENT && quiet_enoent ? 0 : 1;
	snprintf(buf, sizeof(buf), "%ld", v);
	print_value(s->name, buf);
	return 0;
}

static void print_change(const char *name, const char *old, const char *new)
{
	if (opt_q)
		return;
	if (opt_n)
		printf("%s -> %s\n", old, new);
	else
		printf("%s: %s -> %s\n", name, old, new);
}

static int set(const struct sysctl_node *s, const char *value)
{
	char buf[256], out[256], *f[MAX_FIELDS], olds[32], news[32];
	long v, old;
	int rc, n;

	if (s->kind == SC_CONST) {
		fprintf(stderr, "%s: %s: not supported on Linux (%s)\n", prog,
			s->name, s->note);
		return 1;
	}
	if (iopkt_parse_long(value, LONG_MIN, LONG_MAX, &v) ||
	    (s->kind == SC_INVERT && v != 0 && v != 1)) {
		fprintf(stderr, "%s: %s: bad value '%s' (%s)\n", prog, s->name,
			value, s->kind == SC_INVERT ? "0 or 1" : "an integer");
		return 1;
	}
	if (get_value(s, &old, 0))
		return 1;
	switch (s->kind) {
	case SC_INVERT:
		snprintf(out, sizeof(out), "%d\n", !v);
		break;
	case SC_FIELD:
		rc = read_file(s->path, buf, sizeof(buf));
		n = rc ? 0 : split(buf, f);
		if (n <= s->field) {
			fprintf(stderr, "%s: %s: unexpected contents in %s\n",
				prog, s->name, s->path);
			return 1;
		}
		snprintf(news, sizeof(news), "%ld", v);
		f[s->field] = news;
		out[0] = '\0';
		for (int i = 0; i < n; i++) {
			strncat(out, f[i], sizeof(out) - strlen(out) - 2);
			strcat(out, i + 1 < n ? "\t" : "\n");
		}
		break;
	default:
		snprintf(out, sizeof(out), "%ld\n", v);
	}
	rc = write_file(s->path, out);
	if (rc) {
		file_error(s->name, s->path, -rc, value);
		return 1;
	}
	snprintf(olds, sizeof(olds), "%ld", old);
	snprintf(news, sizeof(news), "%ld", v);
	print_change(s->name, olds, news);
	return 0;
}

/* Linux names: net.ipv4.ip_forward is /proc/sys/net/ipv4/ip_forward. */
static int linux_path(const char *name, char *path, size_t len)
{
	int n;

	if (!*name || strstr(name, "..") || strchr(name, '/'))
		return -1;
	n = snprintf(path, len, "/proc/sys/%s", name);
	if (n >= (int)len)
		return -1;
	for (char *p = path + 10; *p; p++)
		if (*p == '.')
			*p = '/';
	return access(path, F_OK) ? -1 : 0;
}

static int linux_show(const char *name, const char *path)
{
	char buf[4096];
	int rc = read_file(path, buf, sizeof(buf));

	if (rc == -EISDIR) {
		fprintf(stderr, "%s: %s is a directory (%s), not a value\n",
			prog, name, path);
		return 1;
	}
	if (rc) {
		file_error(name, path, -rc, NULL);
		return 1;
	}
	print_value(name, buf);
	return 0;
}

static int linux_set(const char *name, const char *path, const char *value)
{
	char old[4096];
	int rc = read_file(path, old, sizeof(old));

	if (rc) {
		file_error(name, path, -rc, NULL);
		return 1;
	}
	rc = write_file(path, value);
	if (rc) {
		file_error(name, path, -rc, value);
		return 1;
	}
	print_change(name, old, value);
	return 0;
}

static const struct sysctl_node *find(const char *name)
{
	for (int i = 0; i < sysctl_nnodes; i++)
		if (!strcmp(sysctl_nodes[i].name, name))
			return &sysctl_nodes[i];
	return NULL;
}

/* Does any name start with the first LEN characters of NAME plus '.'/end? */
static int is_prefix(const char *name, size_t len)
{
	for (int i = 0; i < sysctl_nnodes; i++) {
		const char *s = sysctl_nodes[i].name;

		if (!strncmp(s, name, len) && (s[len] == '.' || !s[len]))
			return 1;
	}
	return 0;
}

static void bad_name(const char *name)
{
	static const char *const level[] = {
		"top", "second", "third", "fourth", "fifth", "sixth",
		"seventh", "eighth", "ninth", "tenth",
	};
	const char *comp = name, *end;
	int l = 0;

	for (;; l++) {
		end = strchr(comp, '.');
		if (!end)
			end = comp + strlen(comp);
		if (!is_prefix(name, end - name) || !*end)
			break;
		comp = end + 1;
	}
	if (l < 10)
		fprintf(stderr, "%s: %s level name '%.*s' in '%s' is invalid\n",
			prog, level[l], (int)(end - comp), comp, name);
	else
		fprintf(stderr, "%s: level %d name '%.*s' in '%s' is invalid\n",
			prog, l + 1, (int)(end - comp), comp, name);
}

static int show_name(const char *name)
{
	const struct sysctl_node *s = find(name);
	size_t len = strlen(name);
	char path[PATH_MAX];
	int rc = 0;

	if (s)
		return show(s, 0);
	if (len && name[len - 1] != '.' && is_prefix(name, len)) {
		for (int i = 0; i < sysctl_nnodes; i++)
			if (!strncmp(sysctl_nodes[i].name, name, len) &&
			    sysctl_nodes[i].name[len] == '.')
				rc |= show(&sysctl_nodes[i], 1);
		return rc;
	}
	if (!linux_path(name, path, sizeof(path)))
		return linux_show(name, path);
	bad_name(name);
	return 1;
}

static int set_name(char *assignment)
{
	char *eq = strchr(assignment, '='), path[PATH_MAX];
	const struct sysctl_node *s;
	const char *value;

	*eq = '\0';
	value = eq + 1;
	s = find(assignment);
	if (s)
		return set(s, value);
	if (is_prefix(assignment, strlen(assignment))) {
		fprintf(stderr, "%s: %s is a node, not a value\n", prog,
			assignment);
		return 1;
	}
	if (!linux_path(assignment, path, sizeof(path)))
		return linux_set(assignment, path, value);
	bad_name(assignment);
	return 1;
}

/*
 * Move into the instance's network namespace. Without SOCK, a stack that
 * is not running means the namespace we are in (instance 0's would be).
 */
static int enter_instance(void)
{
	char err[256];
	int instance, fd;

	instance = iopkt_instance_from_env(err, sizeof(err));
	if (instance < 0) {
		fprintf(stderr, "%s: %s\n", prog, err);
		return -1;
	}
	fd = iopkt_ctl_open(instance, err, sizeof(err));
	if (fd < 0) {
		if (instance == 0 && !(getenv("SOCK") && *getenv("SOCK")) &&
		    strstr(err, "not running"))
			return 0;
		fprintf(stderr, "%s: %s\n", prog, err);
		return -1;
	}
	if (iopkt_enter_netns(fd, err, sizeof(err))) {
		fprintf(stderr, "%s: %s\n", prog, err);
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	int c, all = 0, write_mode = 0, rc = 0;

	prog = basename(argv[0]);
	while ((c = getopt(argc, argv, "aAenqwh")) != -1) {
		switch (c) {
		case 'a': case 'A': all = 1; break;
		case 'e': opt_e = 1; break;
		case 'n': opt_n = 1; break;
		case 'q': opt_q = 1; break;
		case 'w': write_mode = 1; break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 1;
		}
	}
	if (!all && optind == argc) {
		usage(stderr);
		return 1;
	}
	if (enter_instance())
		return 1;
	if (all)
		for (int i = 0; i < sysctl_nnodes; i++)
			rc |= show(&sysctl_nodes[i], 1);
	for (int i = optind; i < argc; i++) {
		if (strchr(argv[i], '=')) {
			rc |= set_name(argv[i]);
		} else if (write_mode) {
			fprintf(stderr, "%s: -w needs name=value, got '%s'\n",
				prog, argv[i]);
			rc = 1;
		} else {
			rc |= show_name(argv[i]);
		}
	}
	return rc ? 1 : 0;
}
