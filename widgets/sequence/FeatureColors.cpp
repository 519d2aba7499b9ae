#include "FeatureColors.h"

#include <QHash>

namespace benchtop::widgets {

QColor featureColor(const bio::Feature &feature)
{
    for (const QString &name : {QStringLiteral("color"), QStringLiteral("ApEinfo_fwdcolor")}) {
        const QColor own(feature.qualifier(name));
        if (own.isValid())
            return own;
    }
    static const QHash<QString, QColor> byType = {
        {QStringLiteral("CDS"), QColor(0xf2, 0xa3, 0x3a)},
        {QStringLiteral("gene"), QColor(0x8f, 0xbc, 0x8f)},
        {QStringLiteral("promoter"), QColor(0x4c, 0xaf, 0x50)},
        {QStringLiteral("terminator"), QColor(0xe5, 0x39, 0x35)},
        {QStringLiteral("rep_origin"), QColor(0xff, 0xeb, 0x3b)},
        {QStringLiteral("primer_bind"), QColor(0x7e, 0x57, 0xc2)},
        {QStringLiteral("misc_feature"), QColor(0x90, 0xa4, 0xae)},
        {QStringLiteral("protein_bind"), QColor(0x26, 0xa6, 0x9a)},
        {QStringLiteral("RBS"), QColor(0x00, 0x96, 0x88)},
        {QStringLiteral("mRNA"), QColor(0x64, 0xb5, 0xf6)},
        {QStringLiteral("tRNA"), QColor(0xba, 0x68, 0xc8)},
        {QStringLiteral("rRNA"), QColor(0xf0, 0x62, 0x92)},
        {QStringLiteral("ncRNA"), QColor(0xa1, 0x88, 0x7f)},
        {QStringLiteral("Region"), QColor(0x90, 0xca, 0xf9)},
        {QStringLiteral("Site"), QColor(0xff, 0x8a, 0x65)},
    };
    return byType.value(feature.type, QColor(0x9e, 0xb8, 0xd8));
}

} // namespace benchtop::widgets
