// SPDX-License-Identifier: Apache-2.0
//
// zeek_fixture: a stand-in for a running Zeek 3.0.x or 3.1.x process, for zeekspy's tests and
// benchmark. Zeek itself is not installable on the build machines, so this program lays out in
// memory the structures zeekspy reads -- the global `call_stack` (std::vector<CallInfo>) and
// `g_frame_stack` (std::vector<Frame*>) vectors, Func, Stmt, CallExpr, Frame and Location objects
// and the `version` char array -- with the same field offsets as Zeek built by GCC on x86_64, and
// exports them under the same symbol names (link with -rdynamic, as Zeek does).
//
// Build variants (see FixtureBuild in the zeekspy tests):
//   -DZEEK_LAYOUT=30   Zeek 3.0.x: Location is polymorphic (vtable, filename at 8, lines at 16/20)
//   -DZEEK_LAYOUT=31   Zeek 3.1.x: Location is a plain struct (filename at 0, lines at 8/12)
//   -DZEEK_NAMESPACED  globals live in zeek::detail (mangled _ZN4zeek6detail10call_stackE), as in
//                      newer Zeek releases
//   -DZEEK_LAYOUT=40   Zeek 4.x names: zeek::Obj, zeek::Func (Kind SCRIPT_FUNC), and the rest in
//                      zeek::detail (implies ZEEK_NAMESPACED); Location as in 3.1; version 4.0.0
//   -DZEEK_REORDER     the members of CallInfo, Func, Frame and Location in another order than
//                      Zeek's: only offsets read from this build's DWARF (-g) describe it
//
// Usage:
//   zeek_fixture [-v VERSION] [-ready FILE] [-exit-after MS] cycle
//       cycles forever through the scenarios below, each for a fixed slice of wall time, so the
//       share of time each stack is current is known (8:5:3:1 of a 17 ms cycle)
//   zeek_fixture [-v VERSION] [-ready FILE] bench DEPTH
//       holds one stack of DEPTH script functions (Bench::f0 .. f<DEPTH-1>) and sleeps
//   -busy (before cycle or bench) spins on its CPU instead of sleeping, as a loaded Zeek does:
//       cycle busy-waits for each slice's deadline; bench spins forever, rewriting the top
//       frame's statement pointer so the stack's memory stays hot in the fixture's cache
//
// The expected stacks are repeated in the Java tests (FixtureScenarios); keep both in sync.

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#ifndef ZEEK_LAYOUT
#define ZEEK_LAYOUT 30
#endif

#pragma GCC diagnostic ignored "-Winvalid-offsetof"
#pragma GCC diagnostic ignored "-Wreorder"

#if ZEEK_LAYOUT == 40
// Zeek 4 moved everything into namespaces and renamed BroObj to Obj and BRO_FUNC to SCRIPT_FUNC.
#define ZEEK_NAMESPACED
#define NS_ZEEK_BEGIN namespace zeek {
#define NS_ZEEK_END }
#define NS_DETAIL_BEGIN namespace zeek { namespace detail {
#define NS_DETAIL_END } }
#define BroObj Obj
#define BRO_FUNC SCRIPT_FUNC
namespace zeek { namespace detail {} }
using namespace zeek;
using namespace zeek::detail;
#else
#define NS_ZEEK_BEGIN
#define NS_ZEEK_END
#define NS_DETAIL_BEGIN
#define NS_DETAIL_END
#endif

NS_DETAIL_BEGIN
#if ZEEK_LAYOUT == 30 && defined(ZEEK_REORDER)
class Location {
 public:
  Location(const char* file, int first, int last) : filename(file), first_line(first), last_line(last) {}
  virtual ~Location() {}
  int first_line;
  int last_line;
  const char* filename;
};
static_assert(offsetof(Location, first_line) == 8, "reordered Location.first_line");
static_assert(offsetof(Location, filename) == 16, "reordered Location.filename");
#elif ZEEK_LAYOUT == 30
// Zeek 3.0: Location derives from SerialObj and therefore starts with a vtable pointer.
class Location {
 public:
  Location(const char* file, int first, int last) : filename(file), first_line(first), last_line(last) {}
  virtual ~Location() {}
  const char* filename;
  int first_line;
  int last_line;
  int first_column = 0;
  int last_column = 0;
  bool delete_data = false;
  unsigned long timestamp = 0;
  char* text = nullptr;
};
static_assert(offsetof(Location, filename) == 8, "3.0 Location.filename");
static_assert(offsetof(Location, first_line) == 16, "3.0 Location.first_line");
static_assert(offsetof(Location, last_line) == 20, "3.0 Location.last_line");
#elif ZEEK_LAYOUT == 31 || ZEEK_LAYOUT == 40
// Zeek 3.1: Location became a plain struct.
struct Location {
  Location(const char* file, int first, int last) : filename(file), first_line(first), last_line(last) {}
  const char* filename;
  int first_line;
  int last_line;
};
static_assert(offsetof(Location, filename) == 0, "3.1 Location.filename");
static_assert(offsetof(Location, first_line) == 8, "3.1 Location.first_line");
static_assert(sizeof(Location) == 16, "3.1 Location size");
#else
#error "ZEEK_LAYOUT must be 30, 31 or 40"
#endif
NS_DETAIL_END

// Every Zeek object: vtable, then its Location*.
NS_ZEEK_BEGIN
class BroObj {
 public:
  virtual ~BroObj() {}
  Location* location = nullptr;
  int ref_cnt = 1;
  bool in_ser_cache = false;
};
NS_ZEEK_END

NS_DETAIL_BEGIN
class Stmt : public BroObj {
 public:
  explicit Stmt(Location* loc) { location = loc; }
  int tag = 0;
};

class Expr : public BroObj {
 public:
  int tag = 0;
  void* type = nullptr;
};

class CallExpr : public Expr {
 public:
  explicit CallExpr(Location* loc) { location = loc; }
  void* func_expr = nullptr;
  void* args = nullptr;
};

NS_DETAIL_END

NS_ZEEK_BEGIN
class Func : public BroObj {
 public:
#ifndef ZEEK_REORDER
  enum Kind { BRO_FUNC = 0, BUILTIN_FUNC = 1 };
#else
  enum Kind { BUILTIN_FUNC = 0, BRO_FUNC = 1 };
#endif
  Func(const char* n, Kind k, Location* loc) : kind(k), name(n) { location = loc; }
#ifndef ZEEK_REORDER
  std::vector<void*> bodies;  // 24..48
  void* scope = nullptr;      // 48..56
  Kind kind;                  // 56
  void* type = nullptr;       // 64
  std::string name;           // 72: data pointer first, then size
  int unique_id = 0;
#else
  Kind kind;                  // 24
  int unique_id = 0;          // 28
  std::string name;           // 32
  std::vector<void*> bodies;
  void* scope = nullptr;
  void* type = nullptr;
#endif
};
#ifndef ZEEK_REORDER
static_assert(offsetof(Func, location) == 8, "Func.location");
static_assert(offsetof(Func, kind) == 56, "Func.kind");
static_assert(offsetof(Func, name) == 72, "Func.name");
#else
static_assert(offsetof(Func, kind) == 24, "reordered Func.kind");
static_assert(offsetof(Func, name) == 32, "reordered Func.name");
#endif
NS_ZEEK_END

NS_DETAIL_BEGIN
class Frame : public BroObj {
 public:
  Frame(const Func* f, const Stmt* s) : function(f), next_stmt(s) {}
#ifdef ZEEK_REORDER
  const Stmt* next_stmt;      // 24
#endif
  void** frame = nullptr;
  int size = 0;
  const Func* function;
  void* func_args = nullptr;
  char other_state[88] = {};  // trigger, call, delayed, closure, ... in the real Frame
#ifndef ZEEK_REORDER
  const Stmt* next_stmt;      // 144
#endif
  bool break_before_next_stmt = false;
};
#ifndef ZEEK_REORDER
static_assert(offsetof(Frame, next_stmt) == 144, "Frame.next_stmt");
#else
static_assert(offsetof(Frame, next_stmt) == 24, "reordered Frame.next_stmt");
#endif

struct CallInfo {
#ifndef ZEEK_REORDER
  const CallExpr* call;
  const Func* func;
  const void* args;
#else
  const void* args;
  const Func* func;
  const CallExpr* call;
  const void* padding;  // a size the hand-written layouts do not expect either
#endif
};
#ifndef ZEEK_REORDER
static_assert(sizeof(CallInfo) == 24, "CallInfo size");
#else
static_assert(sizeof(CallInfo) == 32, "reordered CallInfo size");
#endif
NS_DETAIL_END

#ifdef ZEEK_NAMESPACED
namespace zeek {
namespace detail {
std::vector<CallInfo> call_stack;
std::vector<Frame*> g_frame_stack;
}  // namespace detail
}  // namespace zeek
using zeek::detail::call_stack;
using zeek::detail::g_frame_stack;
#else
std::vector<CallInfo> call_stack;
std::vector<Frame*> g_frame_stack;
#endif

// Zeek's generated version.c defines `char version[] = "3.0.1";`. Writable here so a test can
// pretend to be another version (-v).
#if ZEEK_LAYOUT == 30
char version[32] = "3.0.1";
#elif ZEEK_LAYOUT == 31
char version[32] = "3.1.2";
#else
char version[32] = "4.0.0";
#endif

// ---------------------------------------------------------------------------------------------
// Helpers that build objects the way the Zeek parser leaves them.

static Location* loc(const char* file, int line) { return new Location(file, line, line + 3); }
static Func* script(const char* name, const char* file, int line) {
  return new Func(name, Func::BRO_FUNC, loc(file, line));
}

// One call on a stack: the callee, the call expression's location in the caller (nullptr for
// events dispatched from the event queue) and, for script functions, the statement the callee's
// frame is executing.
struct Call {
  Func* func;
  CallExpr* call;
  Stmt* next_stmt;
};

struct Scenario {
  const char* name;
  long slice_us;
  std::vector<Call> calls;
};

static CallExpr* call_at(const char* file, int line) { return new CallExpr(loc(file, line)); }
static Stmt* stmt_at(const char* file, int line) { return new Stmt(loc(file, line)); }

static const char* kEventBif = "base/bif/event.bif.zeek";
static const char* kConn = "base/protocols/conn/main.zeek";
static const char* kHttp = "base/protocols/http/main.zeek";
static const char* kDns = "base/protocols/dns/main.zeek";
static const char* kLogging = "base/frameworks/logging/main.zeek";

static std::vector<Scenario> scenarios() {
  Func* csr = script("connection_state_remove", kEventBif, 133);
  Func* http_request = script("http_request", kEventBif, 610);
  Func* set_state = script("HTTP::set_state", kHttp, 180);
  Func* new_session = script("HTTP::new_http_session", kHttp, 150);
  Func* dns_request = script("dns_request", kEventBif, 720);
  Func* log_write = script("Log::write", kLogging, 460);
  Func* bif_write = new Func("Log::__write", Func::BUILTIN_FUNC, nullptr);  // BIFs carry no location
  return {
      {"conn", 8000, {{csr, nullptr, stmt_at(kConn, 290)}}},
      {"http", 5000,
       {{http_request, nullptr, stmt_at(kHttp, 231)},
        {set_state, call_at(kHttp, 231), stmt_at(kHttp, 197)},
        {new_session, call_at(kHttp, 197), stmt_at(kHttp, 158)}}},
      {"dns", 3000,
       {{dns_request, nullptr, stmt_at(kDns, 402)},
        {log_write, call_at(kDns, 402), stmt_at(kLogging, 470)},
        {bif_write, call_at(kLogging, 470), nullptr}}},
      {"idle", 1000, {}},
  };
}

// Makes `calls` the current stack, pushing like BroFunc::Call / BuiltinFunc::Call do: every call
// pushes a CallInfo, only script functions push a Frame.
static void enter(const std::vector<Call>& calls, std::vector<Frame*>& frames) {
  call_stack.clear();
  g_frame_stack.clear();
  for (size_t i = 0; i < calls.size(); i++) {
    const Call& c = calls[i];
    if (c.func->kind == Func::BRO_FUNC) {
      g_frame_stack.push_back(frames[i]);
    }
    CallInfo ci{};
    ci.call = c.call;
    ci.func = c.func;
    call_stack.push_back(ci);
  }
}

static std::vector<Frame*> frames_for(const std::vector<Call>& calls) {
  std::vector<Frame*> frames;
  for (const Call& c : calls) {
    frames.push_back(new Frame(c.func, c.next_stmt));
  }
  return frames;
}

static void add_us(struct timespec* t, long us) {
  t->tv_nsec += us * 1000;
  while (t->tv_nsec >= 1000000000L) {
    t->tv_nsec -= 1000000000L;
    t->tv_sec++;
  }
}

static long elapsed_ms(const struct timespec& start) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
}

static void mark_ready(const char* path) {
  if (path == nullptr) return;
  FILE* f = fopen(path, "w");
  if (f != nullptr) {
    fprintf(f, "ready\n");
    fclose(f);
  }
}

static bool busy = false;

// Waits until the absolute CLOCK_MONOTONIC time `t`: sleeping, or spinning with -busy.
static void wait_until(const struct timespec& t) {
  if (!busy) {
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, nullptr) != 0) {
    }
    return;
  }
  for (;;) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (now.tv_sec > t.tv_sec || (now.tv_sec == t.tv_sec && now.tv_nsec >= t.tv_nsec)) return;
  }
}

static int run_cycle(const char* ready, long exit_after_ms) {
  std::vector<Scenario> all = scenarios();
  std::vector<std::vector<Frame*>> frames;
  for (const Scenario& s : all) frames.push_back(frames_for(s.calls));
  call_stack.reserve(64);
  g_frame_stack.reserve(64);
  struct timespec start, next;
  clock_gettime(CLOCK_MONOTONIC, &start);
  next = start;
  mark_ready(ready);
  for (;;) {
    for (size_t i = 0; i < all.size(); i++) {
      enter(all[i].calls, frames[i]);
      add_us(&next, all[i].slice_us);
      // Absolute deadlines: slices do not drift, so the shares stay exact over a long run.
      wait_until(next);
      if (exit_after_ms > 0 && elapsed_ms(start) >= exit_after_ms) return 0;
    }
  }
}

static int run_bench(int depth, const char* ready) {
  static const char* kBench = "testing/bench/recursion.zeek";
  std::vector<Call> calls;
  for (int i = 0; i < depth; i++) {
    std::string* name = new std::string("Bench::f" + std::to_string(i));
    Func* f = script(name->c_str(), kBench, 10 + 10 * i);
    calls.push_back({f, i == 0 ? nullptr : call_at(kBench, 15 + 10 * (i - 1)), stmt_at(kBench, 15 + 10 * i)});
  }
  std::vector<Frame*> frames = frames_for(calls);
  enter(calls, frames);
  mark_ready(ready);
  if (busy) {
    // The interpreter at work: the top frame moves between two statements of the same line.
    Frame* top = frames.back();
    const Stmt* stmts[2] = {top->next_stmt, new Stmt(top->next_stmt->location)};
    for (unsigned long n = 0;; n++) {
      *(const Stmt* volatile*)&top->next_stmt = stmts[(n >> 10) & 1];
    }
  }
  for (;;) {
    struct timespec t = {3600, 0};
    nanosleep(&t, nullptr);
  }
}

int main(int argc, char** argv) {
  const char* ready = nullptr;
  long exit_after_ms = 0;
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; i += 2) {
    if (strcmp(argv[i], "-busy") == 0) {
      busy = true;
      i--;
    } else if (i + 1 >= argc) {
      fprintf(stderr, "option %s needs a value\n", argv[i]);
      return 2;
    } else if (strcmp(argv[i], "-v") == 0) {
      snprintf(version, sizeof(version), "%s", argv[i + 1]);
    } else if (strcmp(argv[i], "-ready") == 0) {
      ready = argv[i + 1];
    } else if (strcmp(argv[i], "-exit-after") == 0) {
      exit_after_ms = atol(argv[i + 1]);
    } else {
      fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    }
  }
  if (i < argc && strcmp(argv[i], "cycle") == 0) return run_cycle(ready, exit_after_ms);
  if (i + 1 < argc && strcmp(argv[i], "bench") == 0) return run_bench(atoi(argv[i + 1]), ready);
  fprintf(stderr, "usage: %s [-v VERSION] [-ready FILE] [-exit-after MS] [-busy] cycle | bench DEPTH\n", argv[0]);
  return 2;
}
