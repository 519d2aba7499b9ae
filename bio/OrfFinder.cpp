#include "OrfFinder.h"

#include "Sequence.h"
#include "Translation.h"

#include <algorithm>
#include <array>

namespace benchtop::bio {
namespace {

// One strand read 5'->3'; positions may run past the end (or before 0) on a circular sequence.
class StrandScanner
{
public:
    StrandScanner(QByteArrayView bases, const GeneticCode &code, const OrfOptions &options,
                  Strand strand)
        : m_bases(bases)
        , m_length(bases.size())
        , m_code(code)
        , m_options(options)
        , m_strand(strand)
    {
        // The code's roles, narrowed to what this search calls a start.
        constexpr int kAtg = (1 << 8) | (8 << 4) | 4;
        for (int index = 0; index < 4096; ++index) {
            quint8 roles = code.codonRolesOfMasks(index >> 8, (index >> 4) & 15, index & 15);
            if (options.start == OrfStart::AtgOnly)
                roles = (roles & GeneticCode::Stop) | (index == kAtg ? GeneticCode::Start : 0);
            else if (options.start == OrfStart::AnySenseCodon)
                roles &= GeneticCode::Stop;
            m_roles[index] = roles;
        }
    }

    void scan(QList<Orf> &out)
    {
        for (qint64 frame = 0; frame < 3 && frame < m_length; ++frame) {
            if (m_options.circular)
                scanCircularFrame(frame, out);
            else
                scanLinearFrame(frame, out);
        }
    }

private:
    // The roles of the codon at a position, by the IUPAC masks of its bases.
    quint8 roles(qint64 position) const
    {
        const char *at = m_bases.data() + position;
        char wrapped[3];
        if (position < 0 || position + 3 > m_length) {
            for (int i = 0; i < 3; ++i)
                wrapped[i] = m_bases[wrap(position + i)];
            at = wrapped;
        }
        return m_roles[(nucleotideMask(at[0]) << 8) | (nucleotideMask(at[1]) << 4) |
                       nucleotideMask(at[2])];
    }
    qint64 wrap(qint64 position) const
    {
        const qint64 p = position % m_length;
        return p < 0 ? p + m_length : p;
    }
    bool stopToStop() const { return m_options.start == OrfStart::AnySenseCodon; }

    void scanLinearFrame(qint64 frame, QList<Orf> &out)
    {
        const qint64 lastEnd = frame + (m_length - frame) / 3 * 3;
        bool open = stopToStop() && m_options.includeIncomplete;
        bool reaches5End = open;
        qint64 openAt = frame;
        for (qint64 i = frame; i + 3 <= m_length; i += 3) {
            const quint8 r = roles(i);
            if (r & GeneticCode::Stop) {
                if (open)
                    report(openAt, i + 3, true, reaches5End, out);
                open = stopToStop();
                reaches5End = false;
                openAt = i + 3;
            } else if (!open && (r & GeneticCode::Start)) {
                open = true;
                openAt = i;
            }
        }
        if (open && m_options.includeIncomplete && openAt < lastEnd)
            report(openAt, lastEnd, false, reaches5End, out);
    }

    // The sequence repeats for ever; an ORF is reported from its copy that starts in
    // [0, length). The walk starts at the last stop before the frame's first codon, so that
    // a start there is known to be the first after a stop.
    void scanCircularFrame(qint64 frame, QList<Orf> &out)
    {
        const qint64 cycle = m_length % 3 == 0 ? m_length : 3 * m_length;
        qint64 previousStop = frame - 3;
        while (previousStop > frame - cycle - 3 && !(roles(previousStop) & GeneticCode::Stop))
            previousStop -= 3;
        if (previousStop <= frame - cycle - 3) {
            // No stop in the whole cycle: one endless ORF, reported once per cycle.
            if (m_length % 3 == 0 || frame == 0)
                reportStoplessCycle(frame, cycle, out);
            return;
        }
        bool open = stopToStop();
        qint64 openAt = previousStop + 3;
        for (qint64 i = previousStop + 3;; i += 3) {
            const quint8 r = roles(i);
            if (r & GeneticCode::Stop) {
                if (open && openAt >= 0 && openAt < m_length)
                    report(openAt, i + 3, true, false, out);
                if (i + 3 >= m_length)
                    break;
                open = stopToStop();
                openAt = i + 3;
            } else if (!open && (r & GeneticCode::Start)) {
                open = true;
                openAt = i;
            }
        }
    }

    void reportStoplessCycle(qint64 frame, qint64 cycle, QList<Orf> &out)
    {
        qint64 begin = frame;
        if (!stopToStop()) {
            while (begin < frame + cycle && !(roles(begin) & GeneticCode::Start))
                begin += 3;
            if (begin >= frame + cycle)
                return;
        }
        begin = wrap(begin);
        report(begin, begin + cycle, false, false, out);
    }

    void report(qint64 begin, qint64 end, bool hasStop, bool reaches5End, QList<Orf> &out)
    {
        const qint64 bodyLength = end - begin - (hasStop ? 3 : 0);
        if (bodyLength < m_options.minimumLength || bodyLength > m_options.maximumLength)
            return;
        Orf orf;
        orf.hasStop = hasStop;
        orf.reaches5End = reaches5End;
        orf.strand = m_strand;
        if (m_strand == Strand::Forward) {
            orf.start = begin;
            orf.end = end;
        } else {
            orf.start = m_length - end;
            orf.end = m_length - begin;
            if (orf.start < 0) {
                orf.start += m_length;
                orf.end += m_length;
            }
        }
        if (m_options.translate)
            orf.protein = translateBody(begin, bodyLength);
        out.append(std::move(orf));
    }

    QByteArray translateBody(qint64 begin, qint64 bodyLength) const
    {
        TranslationOptions translation;
        translation.code = &m_code;
        QByteArray protein;
        if (begin + bodyLength <= m_length) {
            protein = translate(m_bases.sliced(begin, bodyLength), translation);
        } else {
            QByteArray bases(bodyLength, Qt::Uninitialized);
            for (qint64 i = 0; i < bodyLength; ++i)
                bases[i] = m_bases[wrap(begin + i)];
            protein = translate(bases, translation);
        }
        if (!stopToStop() && m_options.startAsMethionine && !protein.isEmpty())
            protein[0] = 'M';
        return protein;
    }

    QByteArrayView m_bases;
    qint64 m_length;
    const GeneticCode &m_code;
    const OrfOptions &m_options;
    Strand m_strand;
    std::array<quint8, 4096> m_roles{};
};

Span makeSpan(qint64 start, qint64 end, Strand strand)
{
    Span span;
    span.start = start;
    span.end = end;
    span.strand = strand;
    return span;
}

} // namespace

Location Orf::location(qint64 sequenceLength) const
{
    Location location;
    const Strand spanStrand = strand;
    if (end <= sequenceLength || sequenceLength <= 0) {
        location.spans.append(makeSpan(start, end, spanStrand));
        return location;
    }
    const qint64 wrappedEnd = std::min(end - sequenceLength, sequenceLength);
    Span first = makeSpan(start, sequenceLength, spanStrand);
    Span second = makeSpan(0, wrappedEnd, spanStrand);
    // Spans are listed in the order the strand reads them.
    if (strand == Strand::Reverse)
        std::swap(first, second);
    location.spans = {first, second};
    location.op = Location::Operator::Join;
    return location;
}

QList<Orf> findOrfs(QByteArrayView sequence, const OrfOptions &options)
{
    QList<Orf> orfs;
    if (sequence.size() < 3)
        return orfs;
    const GeneticCode &code = options.code ? *options.code : GeneticCode::standard();
    StrandScanner(sequence, code, options, Strand::Forward).scan(orfs);
    if (options.bothStrands) {
        const QByteArray reverse = reverseComplement(sequence);
        StrandScanner(reverse, code, options, Strand::Reverse).scan(orfs);
    }
    std::sort(orfs.begin(), orfs.end(), [](const Orf &a, const Orf &b) {
        if (a.start != b.start)
            return a.start < b.start;
        if (a.strand != b.strand)
            return a.strand == Strand::Forward;
        return a.end < b.end;
    });
    return orfs;
}

} // namespace benchtop::bio
