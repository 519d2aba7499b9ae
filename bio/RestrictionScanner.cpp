#include "bio/RestrictionScanner.h"

#include "bio/Sequence.h"

#include <algorithm>
#include <array>
#include <bit>
#include <vector>

// How the scan works. Every oriented site (each enzyme's site, plus its reverse complement when
// that differs) becomes a Pattern: per-base bit masks over 2-bit base codes (A=0 C=1 G=2 T=3).
// One pass over the sequence keeps the last 32 bases as a 64-bit history; an 8-base window of it
// indexes a table of the patterns that can match there (each pattern is entered under every code
// its most specific 8-base window allows), and each candidate is then checked with a few mask
// operations on the history. So the work per base is one table lookup plus about two candidate
// checks for all ~600 commercial enzymes together, instead of one pass per enzyme. A pattern
// whose best window still allows too many codes (AbaSI's site is "C") is checked at every base.

namespace benchtop::bio {
namespace {

constexpr int kKeyBases = 8;
constexpr quint32 kKeyCount = 1u << (2 * kKeyBases);
constexpr int kMaxHistorySite = 16; // longer sites are checked on the text itself
constexpr quint64 kMaxKeyExpansion = 4096;
constexpr int kMaxExcluded = 4; // B/D/H/V positions the history check handles

constexpr std::array<quint8, 256> makeBaseCodes()
{
    std::array<quint8, 256> table{};
    for (auto &c : table)
        c = 4;
    const char bases[] = "ACGT";
    for (int i = 0; i < 4; ++i) {
        table[static_cast<unsigned char>(bases[i])] = static_cast<quint8>(i);
        table[static_cast<unsigned char>(bases[i] + ('a' - 'A'))] = static_cast<quint8>(i);
    }
    table['U'] = table['u'] = 3;
    return table;
}

// The base codes an IUPAC letter stands for, as a 4-bit set (bit c = code c).
constexpr std::array<quint8, 256> makeIupacSets()
{
    std::array<quint8, 256> table{};
    const std::pair<char, quint8> letters[] = {
        {'A', 1}, {'C', 2}, {'G', 4},  {'T', 8},  {'R', 5},  {'Y', 10}, {'M', 3}, {'K', 12},
        {'S', 6}, {'W', 9}, {'B', 14}, {'D', 13}, {'H', 11}, {'V', 7},  {'N', 15}};
    for (const auto &[letter, set] : letters)
        table[static_cast<unsigned char>(letter)] = set;
    return table;
}

constexpr auto kBaseCodes = makeBaseCodes();
constexpr auto kIupacSets = makeIupacSets();

// Raw cut gaps (before reducing modulo the length) of one cut of a site.
CutPosition rawCut(const RestrictionEnzyme &enzyme, const RestrictionSite &site, int which)
{
    const CutOffsets c = enzyme.cuts[which];
    const qint64 length = enzyme.site.size();
    if (site.strand == Strand::Reverse)
        return {site.start + length - c.bottom, site.start + length - c.top};
    return {site.start + c.top, site.start + c.bottom};
}

qint64 wrap(qint64 position, qint64 length)
{
    const qint64 r = position % length;
    return r < 0 ? r + length : r;
}

// Whether reading the site on the other strand gives the same cuts. REBASE has palindromic
// sites whose cuts are not (HauII TGGCCA(17/15)): the enzyme then cuts on whichever side it
// binds, so both readings are sites.
bool symmetricCuts(const RestrictionEnzyme &enzyme)
{
    const int length = int(enzyme.site.size());
    auto mirror = [&](CutOffsets c) {
        return CutOffsets{length - c.bottom, length - c.top};
    };
    const auto &c = enzyme.cuts;
    switch (enzyme.cutCount) {
    case 0:
        return true;
    case 1:
        return mirror(c[0]) == c[0];
    default:
        return (mirror(c[0]) == c[0] && mirror(c[1]) == c[1]) ||
               (mirror(c[0]) == c[1] && mirror(c[1]) == c[0]);
    }
}

Q_ALWAYS_INLINE void prefetch(const void *address)
{
#if defined(__GNUC__)
    __builtin_prefetch(address);
#else
    Q_UNUSED(address);
#endif
}

// One reading of one enzyme's site, compiled for the scan; the fields the scan reads for every
// candidate come first.
struct Pattern
{
    quint64 mask = 0; // bits that must equal `value`: fixed bases; one bit of R/Y/M/K
    quint64 value = 0;
    quint64 xorMask = 0; // S and W: the two bits of the base differ (S) or agree (W)
    quint64 xorValue = 0;
    quint64 badMask = 0; // one bit per base: none may be a non-ACGT character
    qint32 back = 0;     // the site starts this many bases before the newest one read
    qint32 length = 0;
    qint32 distance = 0; // bases between the site's last base and the newest one read
    qint32 excludedCount = 0;
    bool textCheck = false; // checked on the text, not the history (long or odd sites)
    quint8 cutCount = 0;
    quint8 allCuts = 0; // cutMask with every cut
    Strand strand = Strand::Forward;
    qint32 enzyme = 0;
    std::array<CutOffsets, 2> cuts{}; // for this reading, from the first base it covers
    std::array<quint8, kMaxExcluded> excludedShift{}; // B, D, H, V: "not this base"
    std::array<quint8, kMaxExcluded> excludedCode{};
    int anchor = 0;  // site offset of the first base of the 8-base key window
    QByteArray site; // this reading
};

Q_ALWAYS_INLINE bool matchesHistory(const Pattern &p, quint64 history, quint64 bad)
{
    const quint64 x = history >> (2 * p.distance);
    const quint64 misses = ((bad >> p.distance) & p.badMask) | ((x & p.mask) ^ p.value) |
                           (((x ^ (x >> 1)) & p.xorMask) ^ p.xorValue);
    if (misses != 0)
        return false;
    for (int k = 0; k < p.excludedCount; ++k)
        if (((x >> p.excludedShift[k]) & 3) == p.excludedCode[k])
            return false;
    return true;
}

bool matchesText(const Pattern &p, const char *text, qint64 start)
{
    for (int j = 0; j < p.length; ++j) {
        const quint8 code = kBaseCodes[static_cast<unsigned char>(text[start + j])];
        if (code > 3 || !(kIupacSets[static_cast<unsigned char>(p.site[j])] & (1u << code)))
            return false;
    }
    return true;
}

Pattern compilePattern(const RestrictionEnzyme &enzyme, qint32 index, Strand strand)
{
    Pattern p;
    const QByteArray forward = enzyme.site.toUpper();
    const QByteArray site = strand == Strand::Forward ? forward : reverseComplement(forward);
    p.site = site;
    p.enzyme = index;
    p.strand = strand;
    p.length = int(site.size());
    p.cutCount = quint8(enzyme.cutCount);
    p.allCuts = quint8((1u << enzyme.cutCount) - 1);
    for (int w = 0; w < enzyme.cutCount; ++w) {
        const CutOffsets c = enzyme.cuts[w];
        p.cuts[w] =
            strand == Strand::Forward ? c : CutOffsets{p.length - c.bottom, p.length - c.top};
    }
    p.textCheck = p.length > 32;
    if (p.textCheck)
        return p;
    p.badMask = p.length == 64 ? ~0ull : (1ull << p.length) - 1;
    for (int j = 0; j < p.length; ++j) {
        const int shift = 2 * (p.length - 1 - j);
        const quint8 set = kIupacSets[static_cast<unsigned char>(site[j])];
        const int first = std::countr_zero(set); // the lowest code the letter allows
        switch (std::popcount(set)) {
        case 1: // A C G T: both bits fixed
            p.mask |= 3ull << shift;
            p.value |= quint64(first) << shift;
            break;
        case 2: {
            // R Y M K: the two codes agree on one bit, which is fixed. S (C, G) and W (A, T):
            // they agree on neither, but S's two bits always differ and W's agree.
            const int agree = ~(first ^ (std::bit_width(set) - 1)) & 3;
            if (agree != 0) {
                p.mask |= quint64(agree) << shift;
                p.value |= quint64(first & agree) << shift;
            } else {
                p.xorMask |= 1ull << shift;
                p.xorValue |= quint64((first ^ (first >> 1)) & 1) << shift;
            }
            break;
        }
        case 3: // B D H V: every code but one
            if (p.excludedCount == kMaxExcluded) {
                p.textCheck = true;
                break;
            }
            p.excludedShift[p.excludedCount] = quint8(shift);
            p.excludedCode[p.excludedCount] = quint8(std::countr_zero(quint8(~set & 15)));
            ++p.excludedCount;
            break;
        case 4: // N
            break;
        default: // not an IUPAC letter: matches nothing, which the text check knows
            p.textCheck = true;
        }
    }
    return p;
}

// How many key codes the 8-base window starting at site offset `anchor` allows.
quint64 expansion(const Pattern &p, int anchor)
{
    quint64 count = 1;
    for (int j = anchor; j < anchor + kKeyBases; ++j) {
        const bool inside = j >= 0 && j < p.length;
        count *= inside ? std::popcount(kIupacSets[static_cast<unsigned char>(p.site[j])]) : 4;
    }
    return count;
}

} // namespace

struct RestrictionScanner::Compiled
{
    QList<RestrictionEnzyme> enzymes;
    std::vector<Pattern> patterns;
    std::vector<std::array<int, 2>> enzymePatterns; // forward, reverse reading (or -1)
    std::vector<bool> symmetric; // both readings of a site cut in the same places
    int lag = 0;                 // the key window ends this many bases before the newest
    int maxLength = 0;
    qint64 maxBack = 0; // between these, no candidate needs a bounds check
    qint64 minSlack = 0;
    std::vector<quint32> keyStart; // CSR table: key -> candidate patterns
    std::vector<quint32> keyPatterns;
    std::vector<quint32> everywhere; // patterns checked at every base

    void build();
    void addKeys(quint32 pattern, int anchor, bool fill);
    template<bool Checked, typename Emit>
    inline void checkAt(qint64 i, quint64 history, quint64 bad, const char *text, qint64 length,
                        Emit &emit) const;
    template<typename Emit> void scanText(const char *text, qint64 length, Emit &&emit) const;
    template<typename Pos>
    RestrictionMap scan(QByteArrayView sequence, bool circular, const ScanOptions &options) const;
};

void RestrictionScanner::Compiled::build()
{
    for (qsizetype e = 0; e < enzymes.size(); ++e) {
        std::array<int, 2> readings{-1, -1};
        symmetric.push_back(symmetricCuts(enzymes[e]));
        if (!enzymes[e].site.isEmpty()) {
            readings[0] = int(patterns.size());
            patterns.push_back(compilePattern(enzymes[e], qint32(e), Strand::Forward));
            const QByteArray site = enzymes[e].site.toUpper();
            if (reverseComplement(site) != site || !symmetric.back()) {
                readings[1] = int(patterns.size());
                patterns.push_back(compilePattern(enzymes[e], qint32(e), Strand::Reverse));
            }
        }
        enzymePatterns.push_back(readings);
    }
    int longestHistorySite = 0;
    for (const Pattern &p : patterns) {
        maxLength = std::max(maxLength, p.length);
        if (p.length <= kMaxHistorySite)
            longestHistorySite = std::max(longestHistorySite, p.length);
    }
    // The history holds 32 bases; the key window must leave room for a whole site after it.
    lag = std::max(0, longestHistorySite - kKeyBases);
    std::vector<std::pair<quint32, int>> indexed;
    for (quint32 i = 0; i < patterns.size(); ++i) {
        Pattern &p = patterns[i];
        if (p.length > kMaxHistorySite)
            p.textCheck = true;
        int low = -(kKeyBases - 1);
        int high = p.length - 1;
        if (!p.textCheck) { // the whole site must sit in the history when the key is read
            low = std::max(low, p.length - kKeyBases - lag);
            high = std::min(high, 32 - kKeyBases - lag);
        }
        int best = low;
        for (int a = low; a <= high; ++a)
            if (expansion(p, a) < expansion(p, best))
                best = a;
        if (low > high || expansion(p, best) > kMaxKeyExpansion) {
            p.distance = 0;
            p.back = p.length - 1;
            everywhere.push_back(i);
        } else {
            p.anchor = best;
            p.back = lag + kKeyBases - 1 + best;
            p.distance = p.back + 1 - p.length;
            indexed.emplace_back(i, best);
        }
        maxBack = std::max<qint64>(maxBack, p.back);
        minSlack = std::min<qint64>(minSlack, p.back + 1 - p.length);
    }
    // Count the expansions per key, then fill: the table is two flat arrays.
    keyStart.assign(kKeyCount + 1, 0);
    for (const auto &[pattern, anchor] : indexed)
        addKeys(pattern, anchor, false);
    quint32 sum = 0;
    for (quint32 k = 0; k <= kKeyCount; ++k) {
        sum += keyStart[k];
        keyStart[k] = sum;
    }
    keyPatterns.assign(sum, 0);
    for (const auto &[pattern, anchor] : indexed)
        addKeys(pattern, anchor, true);
    // The fill pass advanced each start to the next key's start; shift back.
    for (quint32 k = kKeyCount; k > 0; --k)
        keyStart[k] = keyStart[k - 1];
    keyStart[0] = 0;
}

// Enumerates the key codes of the window starting at site offset `anchor`, counting them into
// keyStart or, when filling, storing the pattern under each.
void RestrictionScanner::Compiled::addKeys(quint32 pattern, int anchor, bool fill)
{
    struct Walker
    {
        Compiled *self;
        quint32 pattern;
        bool fill;
        void walk(int anchor, int j, quint32 key)
        {
            if (j == kKeyBases) {
                if (!fill)
                    ++self->keyStart[key + 1];
                else
                    self->keyPatterns[self->keyStart[key]++] = pattern;
                return;
            }
            const Pattern &p = self->patterns[pattern];
            const int q = anchor + j;
            const quint8 set =
                (q >= 0 && q < p.length) ? kIupacSets[static_cast<unsigned char>(p.site[q])] : 15;
            for (quint32 code = 0; code < 4; ++code)
                if (set & (1u << code))
                    walk(anchor, j + 1, (key << 2) | code);
        }
    };
    Walker{this, pattern, fill}.walk(anchor, 0, 0);
}

// The candidates once base i has been read: the patterns filed under the key, and the ones
// checked everywhere. Checked: the site may reach past either end of the text.
template<bool Checked, typename Emit>
Q_ALWAYS_INLINE void RestrictionScanner::Compiled::checkAt(qint64 i, quint64 history, quint64 bad,
                                                           const char *text, qint64 length,
                                                           Emit &emit) const
{
    const quint32 key = quint32(history >> (2 * lag)) & (kKeyCount - 1);
    const quint32 *candidate = keyPatterns.data() + keyStart[key];
    const quint32 *last = keyPatterns.data() + keyStart[key + 1];
    const quint32 *extra = everywhere.data();
    const quint32 *extraEnd = extra + everywhere.size();
    while (candidate != last || extra != extraEnd) {
        const quint32 index = candidate != last ? *candidate++ : *extra++;
        const Pattern &p = patterns[index];
        const qint64 start = i - p.back;
        if constexpr (Checked) {
            if (start < 0 || start + p.length > length)
                continue;
        }
        if (p.textCheck ? matchesText(p, text, start) : matchesHistory(p, history, bad))
            emit(index, start);
    }
    // The key `lag` bases ahead is already known: fetch its table entries early.
    if (lag >= 4) {
        prefetch(keyStart.data() + (history & (kKeyCount - 1)));
        prefetch(keyPatterns.data() + keyStart[(history >> 6) & (kKeyCount - 1)]);
    }
}

template<typename Emit>
void RestrictionScanner::Compiled::scanText(const char *text, qint64 length, Emit &&emit) const
{
    quint64 history = 0;
    quint64 bad = ~0ull;
    auto read = [&](qint64 i) {
        const quint8 code = i < length ? kBaseCodes[static_cast<unsigned char>(text[i])] : 4;
        history = (history << 2) | (code & 3);
        bad = (bad << 1) | (code >> 2);
    };
    // Run past the end so that windows reaching beyond the last base are looked up too; bases
    // outside the text read as A in the history and are excluded by the bounds checks, which
    // only the first and last few bases need.
    const qint64 end = length + lag + kKeyBases - 1;
    const qint64 bodyFrom = std::min(maxBack, end);
    const qint64 bodyTo = std::max(bodyFrom, std::min(length, length + minSlack));
    qint64 i = 0;
    for (; i < bodyFrom; ++i) {
        read(i);
        checkAt<true>(i, history, bad, text, length, emit);
    }
    for (; i < bodyTo; ++i) {
        read(i);
        checkAt<false>(i, history, bad, text, length, emit);
    }
    for (; i < end; ++i) {
        read(i);
        checkAt<true>(i, history, bad, text, length, emit);
    }
}

namespace {

// The cuts of a site that fall inside a linear molecule of the given length.
Q_ALWAYS_INLINE quint8 linearCutMask(const Pattern &p, qint64 start, qint64 length)
{
    quint8 mask = 0;
    for (int w = 0; w < p.cutCount; ++w) {
        const qint64 top = start + p.cuts[w].top;
        const qint64 bottom = start + p.cuts[w].bottom;
        if (top >= 1 && top < length && bottom >= 1 && bottom < length)
            mask |= quint8(1u << w);
    }
    return mask;
}

} // namespace

// Pos: the integer type the starts are gathered in (32 bits while the sequence allows it: half
// the memory traffic on a genome).
template<typename Pos>
RestrictionMap RestrictionScanner::Compiled::scan(QByteArrayView sequence, bool circular,
                                                  const ScanOptions &options) const
{
    const qint64 n = sequence.size();
    // Sites are gathered per reading: each list comes out in position order.
    std::vector<std::vector<Pos>> starts(patterns.size());
    scanText(sequence.data(), n,
             [&](quint32 index, qint64 start) { starts[index].push_back(Pos(start)); });
    if (circular && n > 0) {
        // Sites across the origin: scan the last and first bases joined, keeping only the
        // sites that straddle the join; they start after every other site of their reading.
        const qint64 edge = std::min<qint64>(n, std::max(0, maxLength - 1));
        QByteArray junction = sequence.sliced(n - edge).toByteArray();
        junction.append(sequence.first(edge));
        scanText(junction.constData(), junction.size(), [&](quint32 index, qint64 start) {
            const int length = patterns[index].length;
            if (start < edge && start + length > edge && length <= n)
                starts[index].push_back(Pos(n - edge + start));
        });
    }

    RestrictionMap map;
    map.sequenceLength = n;
    map.topology = circular ? Topology::Circular : Topology::Linear;
    map.m_groupStart.append(0);
    size_t total = 0;
    for (const auto &s : starts)
        total += s.size();
    map.sites.reserve(qsizetype(total));
    static const std::vector<Pos> none;
    for (qsizetype e = 0; e < enzymes.size(); ++e) {
        const auto [forward, reverse] = enzymePatterns[size_t(e)];
        const std::vector<Pos> &fw = forward >= 0 ? starts[size_t(forward)] : none;
        const std::vector<Pos> &rv = reverse >= 0 ? starts[size_t(reverse)] : none;
        const qint32 index = qint32(map.enzymes.size());
        const qsizetype first = map.sites.size();
        auto f = fw.begin();
        auto r = rv.begin();
        while (f != fw.end() || r != rv.end()) {
            // The same bases read on both strands with the same cuts (GCCGC for RCSRC): one site.
            if (f != fw.end() && r != rv.end() && *f == *r && symmetric[size_t(e)])
                ++r;
            const bool takeForward = r == rv.end() || (f != fw.end() && *f <= *r);
            const qint64 start = qint64(takeForward ? *f++ : *r++);
            const Pattern &p = patterns[size_t(takeForward ? forward : reverse)];
            const quint8 mask = circular ? p.allCuts : linearCutMask(p, start, n);
            if (mask != 0 || p.cutCount == 0) // else every cut falls off the molecule
                map.sites.append(RestrictionSite{start, index, p.strand, mask});
        }
        const qsizetype count = map.sites.size() - first;
        if (count < options.minimumSites || count > options.maximumSites) {
            map.sites.resize(first);
            continue;
        }
        map.enzymes.append(enzymes[e]);
        map.m_groupStart.append(map.sites.size());
    }
    return map;
}

RestrictionScanner::RestrictionScanner(QList<RestrictionEnzyme> enzymes)
{
    auto compiled = std::make_shared<Compiled>();
    compiled->enzymes = std::move(enzymes);
    compiled->build();
    d = std::move(compiled);
}

RestrictionScanner::~RestrictionScanner() = default;
RestrictionScanner::RestrictionScanner(const RestrictionScanner &) = default;
RestrictionScanner &RestrictionScanner::operator=(const RestrictionScanner &) = default;

const QList<RestrictionEnzyme> &RestrictionScanner::enzymes() const
{
    return d->enzymes;
}

RestrictionMap RestrictionScanner::scan(QByteArrayView sequence, Topology topology,
                                        const ScanOptions &options) const
{
    const bool circular = topology == Topology::Circular;
    if (sequence.size() + d->maxLength < qint64(std::numeric_limits<quint32>::max()))
        return d->scan<quint32>(sequence, circular, options);
    return d->scan<qint64>(sequence, circular, options);
}

std::span<const RestrictionSite> RestrictionMap::sitesOf(qsizetype enzymeIndex) const
{
    if (enzymeIndex < 0 || enzymeIndex + 1 >= m_groupStart.size())
        return {};
    const qsizetype begin = m_groupStart[enzymeIndex];
    return {sites.constData() + begin, size_t(m_groupStart[enzymeIndex + 1] - begin)};
}

qsizetype RestrictionMap::indexOf(QStringView enzymeName) const
{
    for (qsizetype i = 0; i < enzymes.size(); ++i)
        if (enzymeName.compare(enzymes[i].name, Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

CutPosition RestrictionMap::cut(const RestrictionSite &site, int which) const
{
    CutPosition c = rawCut(enzymes[site.enzyme], site, which);
    if (topology == Topology::Circular && sequenceLength > 0) {
        c.top = wrap(c.top, sequenceLength);
        c.bottom = wrap(c.bottom, sequenceLength);
    }
    return c;
}

QList<qint64> RestrictionMap::topStrandCuts(qsizetype enzymeIndex) const
{
    QList<qint64> result;
    for (const RestrictionSite &site : sitesOf(enzymeIndex))
        for (int w = 0; w < 2; ++w)
            if (site.cutMask & (1u << w))
                result.append(cut(site, w).top);
    std::sort(result.begin(), result.end());
    return result;
}

QByteArray RestrictionMap::overhangSequence(const RestrictionSite &site, int which,
                                            QByteArrayView sequence) const
{
    const CutPosition c = rawCut(enzymes[site.enzyme], site, which);
    const qint64 from = std::min(c.top, c.bottom);
    const qint64 to = std::max(c.top, c.bottom);
    QByteArray result;
    result.reserve(to - from);
    for (qint64 i = from; i < to; ++i) {
        const qint64 k = topology == Topology::Circular ? wrap(i, sequence.size()) : i;
        if (k >= 0 && k < sequence.size())
            result.append(sequence[k]);
    }
    return result;
}

} // namespace benchtop::bio
