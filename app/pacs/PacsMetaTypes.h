#pragma once
// The values that cross between the GUI and the PACS worker thread in queued
// signals; declared once, before any header's signals use them.
#include "PacsConfiguration.h"

#include <core/net/PacsNode.h>
#include <core/net/StudyQuery.h>

#include <QMetaType>

#include <vector>

Q_DECLARE_METATYPE(mammo::core::net::PacsNode)
Q_DECLARE_METATYPE(mammo::core::net::StudyQuery)
Q_DECLARE_METATYPE(mammo::core::net::StudyRecord)
Q_DECLARE_METATYPE(std::vector<mammo::core::net::StudyRecord>)
Q_DECLARE_METATYPE(mammo::app::PacsConfiguration)
