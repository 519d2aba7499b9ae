#include "FeatureListModel.h"

#include "SequenceDocument.h"

namespace benchtop::models {

FeatureListModel::FeatureListModel(SequenceDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
    , m_rows(int(document->record().features.size()))
{
    connect(document, &SequenceDocument::featuresChanged, this, [this] {
        beginResetModel();
        m_rows = int(m_document->record().features.size());
        endResetModel();
    });
}

int FeatureListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int FeatureListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : LengthColumn + 1;
}

QVariant FeatureListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const bio::Feature &feature = m_document->record().features.at(index.row());
    const qint64 start = feature.location.start();
    const qint64 end = feature.location.end();
    if (role == StartRole)
        return start;
    if (role == EndRole)
        return end;
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (Column(index.column())) {
    case NameColumn:
        return feature.displayName();
    case TypeColumn:
        return feature.type;
    case StartColumn:
        return start + 1;
    case EndColumn:
        return end;
    case StrandColumn:
        switch (feature.location.strand()) {
        case bio::Strand::Forward:
            return QStringLiteral("→");
        case bio::Strand::Reverse:
            return QStringLiteral("←");
        case bio::Strand::None:
            return QString();
        }
        return QString();
    case LengthColumn: {
        qint64 length = 0;
        for (const bio::Span &span : feature.location.spans)
            length += span.length();
        return length;
    }
    }
    return {};
}

bool FeatureListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) ||
        (index.column() != NameColumn && index.column() != TypeColumn))
        return false;
    const QString text = value.toString().trimmed();
    if (text.isEmpty())
        return false;
    bio::Feature feature = m_document->record().features.at(index.row());
    if (index.column() == TypeColumn) {
        feature.type = text;
    } else {
        bool found = false;
        for (bio::Qualifier &q : feature.qualifiers)
            if (q.name == u"label") {
                q.value = text;
                found = true;
            }
        if (!found)
            feature.qualifiers.prepend({QStringLiteral("label"), text, true});
    }
    m_document->setFeature(index.row(), feature); // resets the model through featuresChanged
    return true;
}

Qt::ItemFlags FeatureListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && (index.column() == NameColumn || index.column() == TypeColumn))
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant FeatureListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Type");
    case StartColumn:
        return tr("Start");
    case EndColumn:
        return tr("End");
    case StrandColumn:
        return tr("Strand");
    case LengthColumn:
        return tr("Length");
    }
    return {};
}

} // namespace benchtop::models
