// Restricted unpickler (pickle.h). Objects live in an arena owned by the decoder, so a hostile pickle
// can build cycles or deep nesting without causing recursion or leaks; all limits are checked up front.
#include "formats/pickle.h"

#include <memory>
#include <unordered_map>

#include "formats/byte_reader.h"
#include "formats/readers.h"
#include "rwkv/error.h"

namespace rwkv::formats {
namespace {

constexpr std::size_t kMaxStack = 1u << 20, kMaxMemo = 1u << 20;
constexpr int kMaxDepth = 64;

enum class Kind { None, Bool, Int, Float, Str, Tuple, List, Dict, Global, Storage, Tensor };
enum class Callable { OrderedDict, RebuildTensorV2, RebuildParameter, Storage };

struct Obj {
    Kind kind = Kind::None;
    std::int64_t i = 0;  // Int / Bool
    std::string s;       // Str, or the dotted name of a Global
    Callable fn = Callable::OrderedDict;
    DType storage_dtype = DType::F32;  // Global storage class
    std::vector<Obj*> items;           // Tuple / List
    std::vector<std::pair<Obj*, Obj*>> dict;
    PickledTensor t;  // Storage (key, dtype, numel) or Tensor
    int depth = 1;
};

class Decoder {
public:
    Decoder(std::span<const std::byte> bytes, const std::string& who)
        : r_(bytes, who + ": data.pkl", 0, "data.pkl"), who_(who) {}

    Obj* run();

private:
    [[noreturn]] void corrupt(const std::string& msg) const {
        throw Error(ErrorCode::CorruptFile, who_ + ": pickle: " + msg + " (at byte " + std::to_string(op_pos_) + ")");
    }
    Obj* make(Kind k) {
        arena_.push_back(std::make_unique<Obj>());
        arena_.back()->kind = k;
        return arena_.back().get();
    }
    void push(Obj* o) {
        if (stack_.size() >= kMaxStack) corrupt("stack too deep");
        stack_.push_back(o);
    }
    Obj* pop() {
        if (stack_.size() <= floor()) corrupt("stack underflow");
        Obj* o = stack_.back();
        stack_.pop_back();
        return o;
    }
    Obj* top() {
        if (stack_.size() <= floor()) corrupt("stack underflow");
        return stack_.back();
    }
    std::size_t floor() const { return marks_.empty() ? 0 : marks_.back(); }
    std::vector<Obj*> pop_mark() {
        if (marks_.empty()) corrupt("MARK missing");
        const std::size_t m = marks_.back();
        marks_.pop_back();
        std::vector<Obj*> v(stack_.begin() + static_cast<std::ptrdiff_t>(m), stack_.end());
        stack_.resize(m);
        return v;
    }
    void nest(Obj* parent, const Obj* child) {
        if (child->depth + 1 > parent->depth) parent->depth = child->depth + 1;
        if (parent->depth > kMaxDepth) corrupt("objects nested too deeply");
    }
    Obj* tuple(std::vector<Obj*> items) {
        Obj* t = make(Kind::Tuple);
        for (Obj* o : items) nest(t, o);
        t->items = std::move(items);
        return t;
    }
    void memo_put(std::uint64_t idx, Obj* o) {
        if (memo_.size() >= kMaxMemo && !memo_.count(idx)) corrupt("too many memo entries");
        memo_[idx] = o;
    }
    Obj* memo_get(std::uint64_t idx) {
        auto it = memo_.find(idx);
        if (it == memo_.end()) corrupt("memo slot " + std::to_string(idx) + " read before it was written");
        return it->second;
    }
    Obj* str(std::uint64_t n) {
        Obj* o = make(Kind::Str);
        o->s = std::string(r_.take_str(n, "string"));
        return o;
    }
    Obj* global(const std::string& module, const std::string& name);
    [[noreturn]] void unaccepted(std::uint8_t op) const;
    void set_items(Obj* d, const std::vector<Obj*>& kv);
    Obj* reduce(Obj* callable, Obj* args);
    Obj* persistent_load(Obj* pid);

    ByteReader r_;
    std::string who_;
    std::size_t op_pos_ = 0;
    std::vector<std::unique_ptr<Obj>> arena_;
    std::vector<Obj*> stack_;
    std::vector<std::size_t> marks_;
    std::unordered_map<std::uint64_t, Obj*> memo_;
};

// A module or attribute name as Python writes it ("torch._utils", "_rebuild_tensor_v2"): letters, digits, '_' and
// '.', not starting with a digit. Anything else in a GLOBAL is damaged bytes, not a request to run code.
bool python_name(const std::string& s) {
    if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        const bool ascii_name =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
        if (!ascii_name && c < 0x80) return false;  // non-ASCII letters are Python names too: kept, refused as unsafe
    }
    return true;
}

Obj* Decoder::global(const std::string& module, const std::string& name) {
    if (!python_name(module) || !python_name(name)) corrupt("GLOBAL names no Python object (damaged bytes?)");
    const std::string full = module + "." + name;
    Obj* g = make(Kind::Global);
    g->s = full;
    if (full == "collections.OrderedDict") g->fn = Callable::OrderedDict;
    else if (full == "torch._utils._rebuild_tensor_v2") g->fn = Callable::RebuildTensorV2;
    else if (full == "torch._utils._rebuild_parameter") g->fn = Callable::RebuildParameter;
    else if (full == "torch.BFloat16Storage") g->fn = Callable::Storage, g->storage_dtype = DType::BF16;
    else if (full == "torch.HalfStorage") g->fn = Callable::Storage, g->storage_dtype = DType::F16;
    else if (full == "torch.FloatStorage") g->fn = Callable::Storage, g->storage_dtype = DType::F32;
    else
        throw Error(ErrorCode::UnsafeFile, who_ + ": pickle references the global " + quoted_name(full) +
                                               ", which is not a tensor constructor; refusing to load this file");
    return g;
}

void Decoder::set_items(Obj* d, const std::vector<Obj*>& kv) {
    if (d->kind != Kind::Dict) corrupt("SETITEM(S) on a non-dict");
    if (kv.size() % 2) corrupt("SETITEMS with an odd number of items");
    for (std::size_t i = 0; i < kv.size(); i += 2) {
        nest(d, kv[i]);
        nest(d, kv[i + 1]);
        d->dict.emplace_back(kv[i], kv[i + 1]);
    }
}

Obj* Decoder::persistent_load(Obj* pid) {
    const auto& a = pid->items;
    if (pid->kind != Kind::Tuple || a.size() != 5 || a[0]->kind != Kind::Str || a[0]->s != "storage" ||
        a[1]->kind != Kind::Global || a[1]->fn != Callable::Storage || a[2]->kind != Kind::Str ||
        a[3]->kind != Kind::Str || a[4]->kind != Kind::Int)
        corrupt("persistent id is not ('storage', <storage class>, key, location, numel)");
    Obj* s = make(Kind::Storage);
    s->t.dtype = a[1]->storage_dtype;
    s->t.storage_key = a[2]->s;
    s->t.storage_numel = a[4]->i;
    if (s->t.storage_numel < 0) corrupt("negative storage size");
    return s;
}

Obj* Decoder::reduce(Obj* callable, Obj* args) {
    if (callable->kind != Kind::Global) corrupt("REDUCE on something that is not a whitelisted global");
    if (args->kind != Kind::Tuple) corrupt("REDUCE arguments are not a tuple");
    const auto& a = args->items;
    auto int_tuple = [&](Obj* o, const char* what) {
        if (o->kind != Kind::Tuple) corrupt(std::string("tensor ") + what + " is not a tuple");
        if (o->items.size() > 8) corrupt(std::string("tensor ") + what + " has more than 8 dimensions");
        std::vector<std::int64_t> v;
        for (Obj* x : o->items) {
            if (x->kind != Kind::Int) corrupt(std::string("tensor ") + what + " holds a non-integer");
            v.push_back(x->i);
        }
        return v;
    };
    switch (callable->fn) {
    case Callable::OrderedDict:
        if (!a.empty()) corrupt("OrderedDict called with arguments");
        return make(Kind::Dict);
    case Callable::RebuildTensorV2: {
        if (a.size() < 6 || a.size() > 7 || a[0]->kind != Kind::Storage || a[1]->kind != Kind::Int)
            corrupt("_rebuild_tensor_v2 arguments are not (storage, offset, size, stride, requires_grad, hooks)");
        Obj* t = make(Kind::Tensor);
        t->t = a[0]->t;
        t->t.offset = a[1]->i;
        t->t.size = int_tuple(a[2], "size");
        t->t.stride = int_tuple(a[3], "stride");
        return t;
    }
    case Callable::RebuildParameter:
        if (a.size() < 1 || a[0]->kind != Kind::Tensor) corrupt("_rebuild_parameter without a tensor");
        return a[0];
    case Callable::Storage: break;
    }
    corrupt("a storage class cannot be called");
}

void Decoder::unaccepted(std::uint8_t op) const {
    // Only a lookup by name (GLOBAL, STACK_GLOBAL, INST: global() above) can reach code outside the whitelist, and
    // those say UnsafeFile there. Any byte that gets here is an opcode torch.save never writes or no opcode at all:
    // OBJ / NEWOBJ(_EX) can only call a whitelisted global from the stack, EXT1/2/4 name nothing in a plain Python
    // (its extension registry is empty), PERSID's text id is no storage. So this is damage, not a request to run
    // code (session 32's trial: a data.pkl overwritten with random bytes was called a file that "asks to run code").
    static const char* hex = "0123456789abcdef";
    corrupt("opcode 0x" + std::string(1, hex[op >> 4]) + std::string(1, hex[op & 15]) +
            " is not one torch.save writes (damaged bytes?)");
}

Obj* Decoder::run() {
    for (;;) {
        op_pos_ = r_.pos();
        const std::uint8_t op = r_.u8("opcode");
        switch (op) {
        case 0x80: if (r_.u8("protocol") > 5) corrupt("unknown pickle protocol"); break;            // PROTO
        case 0x95: r_.u64("frame size"); break;                                                      // FRAME
        case 'c':                                                                                    // GLOBAL
        case 'i': {                                                                                  // INST
            auto line = [&] {
                std::string s;
                for (;;) {
                    const char ch = static_cast<char>(r_.u8("GLOBAL name"));
                    if (ch == '\n') return s;
                    if (s.size() > 256) corrupt("GLOBAL name too long");
                    s += ch;
                }
            };
            const std::string module = line();
            const std::string name = line();
            if (op == 'i') {  // INST: a whitelisted name is still no state dict
                global(module, name);
                corrupt("INST, which torch.save never writes");
            }
            push(global(module, name));
            break;
        }
        case 0x93: {                                                                                 // STACK_GLOBAL
            Obj* name = pop();
            Obj* module = pop();
            if (name->kind != Kind::Str || module->kind != Kind::Str) corrupt("STACK_GLOBAL needs two strings");
            push(global(module->s, name->s));
            break;
        }
        case 'q': memo_put(r_.u8("memo index"), top()); break;                                       // BINPUT
        case 'r': memo_put(r_.u32("memo index"), top()); break;                                      // LONG_BINPUT
        case 0x94: memo_put(memo_.size(), top()); break;                                             // MEMOIZE
        case 'h': push(memo_get(r_.u8("memo index"))); break;                                        // BINGET
        case 'j': push(memo_get(r_.u32("memo index"))); break;                                       // LONG_BINGET
        case '(':                                                                                    // MARK
            if (marks_.size() >= kMaxStack) corrupt("too many marks");
            marks_.push_back(stack_.size());
            break;
        case 't': push(tuple(pop_mark())); break;                                                    // TUPLE
        case ')': push(tuple({})); break;                                                            // EMPTY_TUPLE
        case 0x85: { Obj* a = pop(); push(tuple({a})); break; }                                      // TUPLE1
        case 0x86: { Obj* b = pop(); Obj* a = pop(); push(tuple({a, b})); break; }                   // TUPLE2
        case 0x87: { Obj* c = pop(); Obj* b = pop(); Obj* a = pop(); push(tuple({a, b, c})); break; }  // TUPLE3
        case '}': push(make(Kind::Dict)); break;                                                     // EMPTY_DICT
        case ']': push(make(Kind::List)); break;                                                     // EMPTY_LIST
        case 'd': { auto kv = pop_mark(); Obj* d = make(Kind::Dict); set_items(d, kv); push(d); break; }  // DICT
        case 'l': { auto v = pop_mark(); Obj* l = make(Kind::List); for (Obj* o : v) nest(l, o); l->items = std::move(v); push(l); break; }
        case 'a': {                                                                                  // APPEND
            Obj* v = pop();
            Obj* l = top();
            if (l->kind != Kind::List) corrupt("APPEND to a non-list");
            nest(l, v);
            l->items.push_back(v);
            break;
        }
        case 'e': {                                                                                  // APPENDS
            auto v = pop_mark();
            Obj* l = top();
            if (l->kind != Kind::List) corrupt("APPENDS to a non-list");
            for (Obj* o : v) nest(l, o), l->items.push_back(o);
            break;
        }
        case 's': { Obj* v = pop(); Obj* k = pop(); set_items(top(), {k, v}); break; }              // SETITEM
        case 'u': { auto kv = pop_mark(); set_items(top(), kv); break; }                             // SETITEMS
        case 'X': push(str(r_.u32("string length"))); break;                                         // BINUNICODE
        case 0x8c: push(str(r_.u8("string length"))); break;                                         // SHORT_BINUNICODE
        case 0x8d: push(str(r_.u64("string length"))); break;                                        // BINUNICODE8
        case 'U': push(str(r_.u8("string length"))); break;                                          // SHORT_BINSTRING
        case 'T': push(str(r_.u32("string length"))); break;                                         // BINSTRING
        case 'J': { Obj* o = make(Kind::Int); o->i = static_cast<std::int32_t>(r_.u32("int")); push(o); break; }
        case 'K': { Obj* o = make(Kind::Int); o->i = r_.u8("int"); push(o); break; }
        case 'M': { Obj* o = make(Kind::Int); o->i = r_.u16("int"); push(o); break; }
        case 0x8a: {                                                                                 // LONG1
            const std::uint8_t n = r_.u8("long length");
            if (n > 8) corrupt("integer wider than 64 bits");
            auto b = r_.take(n, "long");
            std::uint64_t u = 0;
            for (std::size_t k = 0; k < n; ++k) u |= std::uint64_t(std::to_integer<std::uint8_t>(b[k])) << (8 * k);
            if (n > 0 && n < 8 && (std::to_integer<std::uint8_t>(b[n - 1]) & 0x80)) u |= ~std::uint64_t(0) << (8 * n);
            Obj* o = make(Kind::Int);
            o->i = static_cast<std::int64_t>(u);
            push(o);
            break;
        }
        case 'G': r_.u64("float"); push(make(Kind::Float)); break;                                  // BINFLOAT
        case 0x88: { Obj* o = make(Kind::Bool); o->i = 1; push(o); break; }                          // NEWTRUE
        case 0x89: push(make(Kind::Bool)); break;                                                    // NEWFALSE
        case 'N': push(make(Kind::None)); break;                                                     // NONE
        case '0': pop(); break;                                                                      // POP
        case '1': pop_mark(); break;                                                                 // POP_MARK
        case '2': push(top()); break;                                                                // DUP
        case 'R': { Obj* args = pop(); Obj* fn = pop(); push(reduce(fn, args)); break; }             // REDUCE
        case 'Q': push(persistent_load(pop())); break;                                               // BINPERSID
        case 'b': pop(); top(); break;                     // BUILD: state (e.g. _metadata) is ignored
        case '.': {                                                                                  // STOP
            Obj* result = pop();
            return result;
        }
        default: unaccepted(op);
        }
    }
}

}  // namespace

std::vector<std::pair<std::string, PickledTensor>> unpickle_state_dict(std::span<const std::byte> pickle,
                                                                       const std::string& who) {
    Decoder d(pickle, who);
    const Obj* root = d.run();
    if (root->kind != Kind::Dict)
        throw Error(ErrorCode::CorruptFile, who + ": data.pkl does not hold a dict of tensors");
    std::vector<std::pair<std::string, PickledTensor>> out;
    out.reserve(root->dict.size());
    for (const auto& [k, v] : root->dict) {
        if (k->kind != Kind::Str) throw Error(ErrorCode::CorruptFile, who + ": state dict has a non-string key");
        if (v->kind != Kind::Tensor)
            throw Error(ErrorCode::CorruptFile, who + ": state dict entry '" + k->s + "' is not a tensor");
        out.emplace_back(k->s, v->t);
    }
    return out;
}

}  // namespace rwkv::formats
