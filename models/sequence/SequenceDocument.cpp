#include "SequenceDocument.h"

#include "SequenceCommands.h"

#include <algorithm>

namespace benchtop::models {

SequenceDocument::SequenceDocument(QObject *parent)
    : QObject(parent)
{}

void SequenceDocument::setRecord(bio::Record record)
{
    m_undo.clear();
    const qint64 oldLength = length();
    m_record = std::move(record);
    m_selStart = m_selEnd = -1; // so that the selection signal goes out
    touched(true, 0, oldLength, length());
    setSelection(0, 0);
    m_undo.setClean();
}

bio::Alphabet SequenceDocument::alphabet() const
{
    switch (m_record.kind) {
    case bio::MoleculeKind::Protein:
        return bio::Alphabet::Protein;
    case bio::MoleculeKind::Rna:
        return bio::Alphabet::Rna;
    case bio::MoleculeKind::Dna:
        break;
    }
    return bio::Alphabet::Dna;
}

const FeatureIndex &SequenceDocument::featureIndex() const
{
    if (m_indexDirty) {
        m_index.rebuild(m_record.features, length());
        m_indexDirty = false;
    }
    return m_index;
}

void SequenceDocument::touched(bool bases, qint64 position, qint64 removed, qint64 inserted)
{
    ++m_revision;
    m_indexDirty = true;
    if (bases)
        Q_EMIT basesChanged(position, removed, inserted);
    Q_EMIT featuresChanged();
    Q_EMIT changed();
}

void SequenceDocument::setSelection(qint64 start, qint64 end)
{
    if (start > end)
        std::swap(start, end);
    start = std::clamp<qint64>(start, 0, length());
    end = std::clamp<qint64>(end, 0, length());
    if (start == m_selStart && end == m_selEnd)
        return;
    m_selStart = start;
    m_selEnd = end;
    Q_EMIT selectionChanged(start, end);
}

bool SequenceDocument::replaceBases(qint64 start, qint64 end, QByteArray bases, QString *error,
                                    const QList<bio::Feature> &pastedFeatures)
{
    start = std::clamp<qint64>(start, 0, length());
    end = std::clamp<qint64>(end, start, length());
    bases = bases.toUpper();
    if (const auto bad = bio::firstInvalid(bases, alphabet())) {
        if (error)
            *error = tr("“%1” is not an IUPAC %2 code.")
                         .arg(QChar::fromLatin1(bases.at(*bad)),
                              isProtein() ? tr("amino-acid") : tr("nucleotide"));
        return false;
    }
    if (start == end && bases.isEmpty())
        return true;
    m_undo.push(new BaseEditCommand(this, start, m_record.sequence.mid(start, end - start), bases,
                                    pastedFeatures, m_insertPolicy));
    return true;
}

void SequenceDocument::addFeature(const bio::Feature &feature)
{
    m_undo.push(new FeatureEditCommand(this, m_record.features.size(), std::nullopt, feature,
                                       tr("Add feature %1").arg(feature.displayName())));
}

void SequenceDocument::setFeature(qsizetype index, const bio::Feature &feature)
{
    if (index < 0 || index >= m_record.features.size() || m_record.features[index] == feature)
        return;
    m_undo.push(new FeatureEditCommand(this, index, m_record.features[index], feature,
                                       tr("Edit feature %1").arg(feature.displayName())));
}

void SequenceDocument::removeFeature(qsizetype index)
{
    if (index < 0 || index >= m_record.features.size())
        return;
    const bio::Feature &feature = m_record.features[index];
    m_undo.push(new FeatureEditCommand(this, index, feature, std::nullopt,
                                       tr("Delete feature %1").arg(feature.displayName())));
}

void SequenceDocument::addFeatures(const QList<bio::Feature> &features, const QString &text)
{
    if (features.isEmpty())
        return;
    bio::Record after = m_record;
    after.features.append(features);
    m_undo.push(new RecordSwapCommand(this, std::move(after), text));
}

void SequenceDocument::reverseComplementAll()
{
    bio::Record after = m_record;
    after.sequence = bio::reverseComplement(m_record.sequence, alphabet());
    for (bio::Feature &feature : after.features)
        feature.location = reverseComplemented(feature.location, length());
    const qint64 start = length() - m_selEnd;
    const qint64 end = length() - m_selStart;
    m_undo.push(new RecordSwapCommand(this, std::move(after), tr("Reverse complement")));
    setSelection(start, end);
}

void SequenceDocument::setOrigin(qint64 origin)
{
    if (!isCircular() || origin <= 0 || origin >= length())
        return;
    bio::Record after = m_record;
    after.sequence = m_record.sequence.mid(origin) + m_record.sequence.left(origin);
    for (bio::Feature &feature : after.features)
        feature.location = rotated(feature.location, origin, length());
    m_undo.push(new RecordSwapCommand(this, std::move(after), tr("Set origin")));
    setSelection(0, 0);
}

bio::Record SequenceDocument::extract(qint64 start, qint64 end) const
{
    bio::Record part;
    part.name = m_record.name;
    part.kind = m_record.kind;
    part.moleculeType = m_record.moleculeType;
    part.topology = bio::Topology::Linear;
    part.sequence = m_record.sequence.mid(start, end - start);
    for (qsizetype i : featureIndex().overlapping(start, end)) {
        bio::Feature feature = m_record.features[i];
        QList<bio::Span> spans;
        for (bio::Span span : std::as_const(feature.location.spans)) {
            if (span.end <= start || span.start >= end)
                continue;
            if (span.start < start) {
                span.start = start;
                span.fuzzyStart = true;
            }
            if (span.end > end) {
                span.end = end;
                span.fuzzyEnd = true;
            }
            span.start -= start;
            span.end -= start;
            spans.append(span);
        }
        if (spans.isEmpty())
            continue;
        feature.location.spans = spans;
        if (spans.size() == 1)
            feature.location.op = bio::Location::Operator::Single;
        part.features.append(feature);
    }
    return part;
}

} // namespace benchtop::models
