#include "bio/Digest.h"

#include <algorithm>
#include <vector>

namespace benchtop::bio {
namespace {

struct Cut
{
    qint64 top;
    qint32 enzyme;
    const RestrictionSite *site;
    int which;
};

FragmentEnd makeEnd(const RestrictionMap &map, QByteArrayView sequence, std::span<const Cut> group)
{
    FragmentEnd end;
    for (const Cut &c : group)
        if (!end.enzymes.contains(c.enzyme))
            end.enzymes.append(c.enzyme);
    std::sort(end.enzymes.begin(), end.enzymes.end());
    const Cut &first = group.front();
    end.cut = map.cut(*first.site, first.which);
    end.overhangSequence = map.overhangSequence(*first.site, first.which, sequence);
    const CutOffsets offsets = map.enzymes[first.enzyme].cuts[first.which];
    // The overhang's kind does not depend on the strand the site is on.
    end.overhang = offsets.top == offsets.bottom  ? Overhang::Blunt
                   : offsets.top < offsets.bottom ? Overhang::FivePrime
                                                  : Overhang::ThreePrime;
    return end;
}

} // namespace

QList<Fragment> digest(const RestrictionMap &map, QByteArrayView sequence)
{
    const qint64 n = map.sequenceLength;
    std::vector<Cut> cuts;
    for (const RestrictionSite &site : map.sites)
        for (int w = 0; w < 2; ++w)
            if (site.cutMask & (1u << w))
                cuts.push_back({map.cut(site, w).top, site.enzyme, &site, w});
    std::stable_sort(cuts.begin(), cuts.end(),
                     [](const Cut &a, const Cut &b) { return a.top < b.top; });

    // One end per distinct top-strand position.
    QList<qint64> positions;
    QList<FragmentEnd> ends;
    for (size_t i = 0; i < cuts.size();) {
        size_t j = i;
        while (j < cuts.size() && cuts[j].top == cuts[i].top)
            ++j;
        positions.append(cuts[i].top);
        ends.append(makeEnd(map, sequence, std::span<const Cut>(cuts.data() + i, j - i)));
        i = j;
    }

    QList<Fragment> fragments;
    if (map.topology == Topology::Circular) {
        if (positions.isEmpty())
            return {Fragment{0, n, {}, {}}};
        for (qsizetype i = 0; i + 1 < positions.size(); ++i)
            fragments.append({positions[i], positions[i + 1], ends[i], ends[i + 1]});
        fragments.append({positions.last(), positions.first() + n, ends.last(), ends.first()});
        return fragments;
    }
    qint64 start = 0;
    FragmentEnd left;
    for (qsizetype i = 0; i < positions.size(); ++i) {
        fragments.append({start, positions[i], left, ends[i]});
        start = positions[i];
        left = ends[i];
    }
    fragments.append({start, n, left, {}});
    return fragments;
}

void sortByLength(QList<Fragment> &fragments)
{
    std::stable_sort(fragments.begin(), fragments.end(), [](const Fragment &a, const Fragment &b) {
        return a.length() != b.length() ? a.length() > b.length() : a.start < b.start;
    });
}

QByteArray fragmentSequence(const Fragment &fragment, QByteArrayView sequence)
{
    const qint64 n = sequence.size();
    if (n == 0)
        return {};
    if (fragment.end <= n)
        return sequence.sliced(fragment.start, fragment.length()).toByteArray();
    QByteArray result = sequence.sliced(fragment.start).toByteArray();
    result.append(sequence.first(fragment.end - n));
    return result;
}

} // namespace benchtop::bio
