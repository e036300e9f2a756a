// SPDX-License-Identifier: GPL-2.0
/*
 * Small pure helpers: error messages, numbers, SOCK, prefix=, mount types,
 * variant names.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libiopkt_internal.h"

void iopkt_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

int iopkt_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s || !(isdigit((unsigned char)*s) ||
		    (*s == '-' && isdigit((unsigned char)s[1]))))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int iopkt_sock_prefix(const char *sock, char *prefix, size_t len,
		      char *err, size_t errlen)
{
	size_t n;

	if (!len)
		return -1;
	prefix[0] = '\0';
	if (!sock || !*sock)
		return 0;
	if (sock[0] != '/') {
		iopkt_err(err, errlen,
			  "SOCK=%s is not a prefix: it must start with '/' (e.g. SOCK=/alt)",
			  sock);
		return -1;
	}
	n = strlen(sock);
	while (n > 1 && sock[n - 1] == '/')
		n--;
	if (n == 1)		/* SOCK=/ is the default stack */
		return 0;
	if (n >= len) {
		iopkt_err(err, errlen, "SOCK=%s is too long (at most %zu characters)",
			  sock, len - 1);
		return -1;
	}
	memcpy(prefix, sock, n);
	prefix[n] = '\0';
	return 1;
}

int iopkt_opt_has(const char *options, const char *key)
{
	size_t klen = strlen(key);
	const char *p = options;

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n >= klen && !strncmp(p, key, klen) &&
		    (n == klen || p[klen] == '='))
			return 1;
		p = end ? end + 1 : NULL;
	}
	return 0;
}

int iopkt_opt_prefix(const char *options, char *prefix, size_t len)
{
	const char *p = options;
	int found = 0;

	if (!len)
		return 0;
	prefix[0] = '\0';
	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n > 7 && !strncmp(p, "prefix=", 7)) {
			size_t v = n - 7;

			while (v > 1 && p[7 + v - 1] == '/')
				v--;
			if (v >= len)
				v = len - 1;
			memcpy(prefix, p + 7, v);
			prefix[v] = '\0';
			found = 1;
		}
		p = end ? end + 1 : NULL;
	}
	if (found && !strcmp(prefix, "/")) {
		prefix[0] = '\0';
		found = 0;
	}
	return found;
}

int iopkt_netns_name(const char *prefix, char *out, size_t len)
{
	size_t i = 0;

	while (*prefix == '/')
		prefix++;
	if (!*prefix)
		return -1;
	for (; *prefix; prefix++) {
		if (i + 1 >= len)
			return -1;
		out[i++] = *prefix == '/' ? '_' : *prefix;
	}
	while (i > 0 && out[i - 1] == '_')
		i--;
	out[i] = '\0';
	return i ? 0 : -1;
}

int iopkt_mount_type(const char *type, char *err, size_t errlen)
{
	long n;

	if (!strcmp(type, "io-pkt") || !strcmp(type, "io-net") ||
	    !strcmp(type, "tcpip"))
		return IOPKT_TYPE_ENV;
	if (!strncmp(type, "io-pkt", 6) &&
	    !iopkt_parse_long(type + 6, 0, 9999, &n))
		return (int)n;
	iopkt_err(err, errlen,
		  "unknown mount type '%s': use io-pkt (the stack SOCK selects) or io-pktN (instance N)",
		  type);
	return -1;
}

const char *iopkt_variant_name(int variant)
{
	switch (variant) {
	case IOPKT_VARIANT_V4:
		return "io-pkt-v4";
	case IOPKT_VARIANT_V4_HC:
		return "io-pkt-v4-hc";
	case IOPKT_VARIANT_V6_HC:
		return "io-pkt-v6-hc";
	}
	return "io-pkt-unknown";
}
