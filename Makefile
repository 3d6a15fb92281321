# badgegen - a static Open Badges publisher.
# GNU make 4.3 (POSIX make plus "!=").  See README.md.

VERSION		= 0.1.0
PREFIX		?= /usr/local
BINDIR		?= $(PREFIX)/bin
MANDIR		?= $(PREFIX)/share/man
DOCDIR		?= $(PREFIX)/share/doc/badgegen
DESTDIR		?=

CC		?= cc
BUILD		?= build
CFLAGS		?= -O2 -g
WARN		= -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
		  -Wmissing-prototypes -Wdeclaration-after-statement -Wvla
PKGS		= libgit2 libcmark-gfm libsodium zlib libpng libqrencode libmicrohttpd
PKG_CFLAGS	!= pkg-config --cflags $(PKGS) 2>/dev/null || echo ""
PKG_LIBS	!= pkg-config --libs $(PKGS) 2>/dev/null || \
		   echo "-lgit2 -lcmark-gfm -lcmark-gfm-extensions -lsodium -lz -lpng16 \
		   -lqrencode -lmicrohttpd"
ALL_CFLAGS	= -std=c11 $(WARN) -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
		  -DBADGEGEN_VERSION='"$(VERSION)"' -Igen -I$(BUILD) \
		  $(PKG_CFLAGS) $(CFLAGS)
# mbedTLS 2.28 as Debian packages it has no .pc file.
LIBS		= $(PKG_LIBS) -lmbedtls -lmbedx509 -lmbedcrypto -lpthread -lm

# gen/*_wasm.c are the WebAssembly verifier's (below), not badgegen's.
LIB_SRCS	!= ls gen/*.c | grep -v -e '^gen/main\.c$$' -e '_wasm\.c$$'
LIB_OBJS	= $(LIB_SRCS:gen/%.c=$(BUILD)/%.o) $(BUILD)/templates.o \
		  $(BUILD)/contexts.o
TEMPLATES	!= find templates -type f 2>/dev/null | LC_ALL=C sort
CONTEXTS	!= find contexts -type f \( -name '*.json' -o -name '*.jsonld' \) \
		   2>/dev/null | LC_ALL=C sort
UNIT_SRCS	!= ls tests/unit/t_*.c 2>/dev/null
UNIT_BINS	= $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRCS	!= ls tests/fuzz/fuzz_*.c 2>/dev/null
FUZZ_BINS	= $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/tests/%)
HEADERS		!= ls gen/*.h
# make fuzz: clang's libFuzzer, a build directory of its own.
FUZZ_SECONDS	?= 600
FUZZ_CC		?= clang-14
FUZZ_BUILD	?= build-fuzz
FUZZ_TARGETS	= $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/libfuzzer/%)
# The WebAssembly verifier (assets/verifier.wasm of every site): the
# modules of verification compiled by clang 14 for wasm32-wasi, with
# sig_wasm.c (WebCrypto through the page's script) in place of sig.c and
# main_wasm.c as its entry points; no libgit2, cmark, mbedTLS, libsodium,
# libpng or zlib.  Debian's wasi-libc has no pthread.h (tools/wasm/) and
# jsmn is a header.  The bytes are the same from build to build.
WASM_CC		= clang-14
WASM_RES	!= clang-14 -print-resource-dir 2>/dev/null || echo /nonexistent
WASM_MODULES	= buf diag utf8 relpath htab hash date escape jsnum b64 inflate \
		  pngchunk digest ecpt sig_wasm json conf key jws bake model \
		  jcs rdfc jsonld jsonld_ctx jsonld_expand jsonld_iri proof \
		  vmsg verify keyres status cmd main_wasm
WASM_OBJS	= $(WASM_MODULES:%=$(BUILD)/wasm/%.o) $(BUILD)/wasm/contexts.o
WASM_CFLAGS	= --target=wasm32-wasi -std=c11 $(WARN) -D_DEFAULT_SOURCE \
		  -D_XOPEN_SOURCE=700 -DBADGEGEN_VERSION='"$(VERSION)"' \
		  -Os -ffunction-sections -fdata-sections -nostdlibinc \
		  -isystem $(WASM_RES)/include -isystem /usr/include/wasm32-wasi \
		  -isystem $(BUILD)/wasm/include -Igen -I$(BUILD)
WASM_LDFLAGS	= --target=wasm32-wasi -mexec-model=reactor -Wl,--gc-sections \
		  -Wl,--strip-all -Wl,-z,stack-size=1048576
# What builds leave beside their output directory (gen/write.c,
# gen/vcache.c), for make site's public/ and a preview's public.preview/:
# locks, journals, staging and old directories, kept verification
# results, temporary files.
OUT_LEFTOVERS	= public.lock public.preview public.preview.lock .public.*

.PHONY: all deps site check check-update test-bins install uninstall \
	clean asan valgrind lint bench fuzz fuzz-bins

# Plain make (and make install) only checks for the packages and prints
# the apt-get line to run; make deps, make site and make check install.
all:
	@sh tools/deps.sh build
	@$(MAKE) --no-print-directory badgegen

deps:
	@sh tools/deps.sh --install build test

badgegen: $(BUILD)/badgegen
	cp $(BUILD)/badgegen badgegen

$(BUILD)/badgegen: $(BUILD)/main.o $(BUILD)/libbadgegen.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(BUILD)/main.o \
	    $(BUILD)/libbadgegen.a $(LIBS)

$(BUILD)/libbadgegen.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $(LIB_OBJS)

$(BUILD)/%.o: gen/%.c $(HEADERS) | $(BUILD)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/embed: tools/embed.c | $(BUILD)
	$(CC) -O1 -o $@ tools/embed.c

$(BUILD)/templates.c: $(BUILD)/embed $(TEMPLATES) $(BUILD)/verifier.wasm
	$(BUILD)/embed templates/ $(TEMPLATES) \
	    static/assets/verifier.wasm=$(BUILD)/verifier.wasm > $@.tmp && \
	    mv $@.tmp $@

$(BUILD)/templates.o: $(BUILD)/templates.c gen/embed.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $(BUILD)/templates.c

# The JSON-LD contexts (gen/jsonld.c maps their URLs to these files).
$(BUILD)/contexts.c: $(BUILD)/embed $(CONTEXTS)
	$(BUILD)/embed -s embedded_contexts contexts/ $(CONTEXTS) > $@.tmp && \
	    mv $@.tmp $@

$(BUILD)/contexts.o: $(BUILD)/contexts.c gen/embed.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $(BUILD)/contexts.c

$(BUILD):
	mkdir -p $(BUILD)/tests

$(BUILD)/wasm/include/jsmn.h: tools/wasm/pthread.h | $(BUILD)
	mkdir -p $(BUILD)/wasm/include
	cp tools/wasm/pthread.h /usr/include/jsmn.h $(BUILD)/wasm/include/

$(BUILD)/wasm/%.o: gen/%.c $(HEADERS) $(BUILD)/wasm/include/jsmn.h
	$(WASM_CC) $(WASM_CFLAGS) -c -o $@ $<

$(BUILD)/wasm/contexts.o: $(BUILD)/contexts.c gen/embed.h \
    $(BUILD)/wasm/include/jsmn.h
	$(WASM_CC) $(WASM_CFLAGS) -c -o $@ $(BUILD)/contexts.c

$(BUILD)/verifier.wasm: $(WASM_OBJS)
	$(WASM_CC) $(WASM_LDFLAGS) -o $@.tmp $(WASM_OBJS) && mv $@.tmp $@

$(BUILD)/tests/t_%: tests/unit/t_%.c tests/unit/harness.h tests/unit/keyfiles.h \
    $(BUILD)/libbadgegen.a
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< \
	    $(BUILD)/libbadgegen.a $(LIBS)

$(BUILD)/tests/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/driver.c \
    $(BUILD)/libbadgegen.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/driver.c \
	    $(BUILD)/libbadgegen.a $(LIBS)

# The same targets linked with libFuzzer instead of driver.c (make fuzz).
$(BUILD)/libfuzzer/fuzz_%: tests/fuzz/fuzz_%.c $(BUILD)/libbadgegen.a
	@mkdir -p $(BUILD)/libfuzzer
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libbadgegen.a $(LIBS)

# Benchmarks (bench/bench_*.c), built on demand: make build/bench_di
$(BUILD)/bench_%: bench/bench_%.c $(BUILD)/libbadgegen.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libbadgegen.a $(LIBS)

test-bins: $(BUILD)/badgegen $(UNIT_BINS) $(FUZZ_BINS)

fuzz-bins: $(FUZZ_TARGETS)

# The example site, built from the committed tree into public/.
site:
	@sh tools/deps.sh --install build
	@$(MAKE) --no-print-directory badgegen
	./badgegen build --out public
	@echo "the example site is in public/ (open public/index.html)"

# What the tests run besides badgegen is installed too; as another user
# than root the tests that need what is missing say that they skip.
check:
	@sh tools/deps.sh --install build
	@sh tools/deps.sh --install test || \
	    echo "make check: the tests that need these are skipped"
	@$(MAKE) --no-print-directory test-bins
	@BUILD=$(BUILD) VALGRIND="$(VALGRIND)" sh tests/run.sh

check-update: test-bins
	@BUILD=$(BUILD) UPDATE=1 sh tests/run.sh

asan:
	@sh tools/deps.sh --install build
	@sh tools/deps.sh --install test || \
	    echo "make asan: the tests that need these are skipped"
	@$(MAKE) --no-print-directory BUILD=build-asan \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" test-bins
	@BUILD=build-asan ASAN_OPTIONS=detect_leaks=1 sh tests/run.sh

valgrind:
	@sh tools/deps.sh --install build valgrind
	@sh tools/deps.sh --install test || \
	    echo "make valgrind: the tests that need these are skipped"
	@$(MAKE) --no-print-directory test-bins
	@BUILD=$(BUILD) VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" \
	    sh tests/run.sh

lint:
	@sh tools/deps.sh --install mandoc
	mandoc -Tlint -Werror badgegen.1 site.conf.5
	@! grep -nE '\b(sprintf|strcpy|strcat|strtok|atoi|gets)[[:space:]]*\(' gen/*.c gen/*.h \
	    || { echo "banned calls above (STYLE.md)"; exit 1; }

bench: all
	sh bench/run.sh

# Each fuzz target under libFuzzer with AddressSanitizer and UBSan for
# FUZZ_SECONDS, starting from its corpus (tests/fuzz/campaign.sh); the
# library is compiled by clang into FUZZ_BUILD.  ONLY=<name> picks
# targets.
fuzz:
	@sh tools/deps.sh --install build fuzz
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=fuzzer,address,undefined" fuzz-bins
	@BUILD=$(FUZZ_BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) ONLY="$(ONLY)" \
	    sh tests/fuzz/campaign.sh

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 0755 badgegen $(DESTDIR)$(BINDIR)/badgegen
	install -m 0644 badgegen.1 $(DESTDIR)$(MANDIR)/man1/badgegen.1
	install -m 0644 site.conf.5 $(DESTDIR)$(MANDIR)/man5/site.conf.5
	mkdir -p $(DESTDIR)$(DOCDIR)
	install -m 0644 docs/AUTHORING.md docs/AUTHORING.ja.md $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/badgegen $(DESTDIR)$(MANDIR)/man1/badgegen.1 \
	    $(DESTDIR)$(MANDIR)/man5/site.conf.5 \
	    $(DESTDIR)$(DOCDIR)/AUTHORING.md $(DESTDIR)$(DOCDIR)/AUTHORING.ja.md

clean:
	rm -rf build build-asan $(FUZZ_BUILD) badgegen public $(OUT_LEFTOVERS) \
	    perf.data*
