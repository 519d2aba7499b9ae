#include "Sequences.h"

#include <QJsonDocument>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace benchtop::models {

namespace {

QList<SequenceFeature> featuresOf(const QJsonArray &items, const QString &textKey)
{
    QList<SequenceFeature> features;
    features.reserve(items.size());
    for (const QJsonValue &item : items) {
        const QJsonObject json = item.toObject();
        SequenceFeature feature;
        feature.start = json.value(u"start"_s).toInteger();
        feature.end = json.value(u"end"_s).toInteger();
        feature.strand = json.value(u"strand"_s).toInt();
        feature.name = json.value(u"name"_s).toString();
        feature.type = json.value(u"type"_s).toString();
        feature.color = json.value(u"color"_s).toString();
        feature.text = textKey.isEmpty() ? QString() : json.value(textKey).toString();
        feature.json = json;
        features.append(std::move(feature));
    }
    return features;
}

} // namespace

Sequence::Sequence(QJsonObject json)
    : Resource(std::move(json))
    , m_annotations(featuresOf(m_json.value(u"annotations"_s).toArray(), {}))
    , m_primers(featuresOf(m_json.value(u"primers"_s).toArray(), u"bases"_s))
    , m_translations(featuresOf(m_json.value(u"translations"_s).toArray(), u"aminoAcids"_s))
{}

Sequence::Kind Sequence::kind() const
{
    const QString id = this->id();
    if (id.startsWith(u"seq_"_s))
        return Kind::Dna;
    if (id.startsWith(u"rna_"_s))
        return Kind::Rna;
    if (id.startsWith(u"prtn_"_s))
        return Kind::Aa;
    if (id.startsWith(u"oligo_"_s))
        return Kind::Oligo;
    if (m_json.contains(u"aminoAcids"_s))
        return Kind::Aa;
    return Kind::Unknown;
}

QString Sequence::residues() const
{
    return m_json.contains(u"aminoAcids"_s) ? string(u"aminoAcids") : string(u"bases");
}

qint64 Sequence::length() const
{
    const QJsonValue length = m_json.value(u"length"_s);
    return length.isDouble() ? length.toInteger() : residues().size();
}

QFuture<QList<Sequence>> parseSequencesAsync(QJsonArray json)
{
    return QtConcurrent::run([json = std::move(json)] {
        QList<Sequence> sequences;
        sequences.reserve(json.size());
        for (const QJsonValue &item : json)
            sequences.append(Sequence(item.toObject()));
        return sequences;
    });
}

QFuture<QJsonDocument> parseJsonAsync(QByteArray body)
{
    return QtConcurrent::run([body = std::move(body)] { return QJsonDocument::fromJson(body); });
}

} // namespace benchtop::models
