// Small records for the sequence editor's suites (tests/tst_ui_sequence_*.cpp): a span, a
// labelled feature, and random bases of a given length (seeded, so a failure repeats).
#pragma once

#include "bio/Record.h"

#include <QRandomGenerator>
#include <QString>

namespace benchtop::test {

inline bio::Span span(qint64 start, qint64 end, bio::Strand strand = bio::Strand::Forward)
{
    bio::Span s;
    s.start = start;
    s.end = end;
    s.strand = strand;
    return s;
}

inline bio::Feature feature(const QString &label, qint64 start, qint64 end,
                            bio::Strand strand = bio::Strand::Forward,
                            const QString &type = QStringLiteral("misc_feature"))
{
    bio::Feature f;
    f.type = type;
    f.location.spans = {span(start, end, strand)};
    f.qualifiers = {{QStringLiteral("label"), label, true}};
    return f;
}

inline bio::Record randomRecord(qint64 length, quint32 seed)
{
    bio::Record r;
    r.name = QStringLiteral("random");
    r.topology = bio::Topology::Linear;
    r.sequence.resize(length);
    QRandomGenerator random(seed);
    for (qint64 i = 0; i < length; ++i)
        r.sequence[i] = "ACGT"[random.bounded(4)];
    return r;
}

} // namespace benchtop::test
