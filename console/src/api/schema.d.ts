// Generated from the agent API's OpenAPI document by `npm run console:api`; do not edit.
export interface paths {
    "/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts per category × status, with what is at risk or breached */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Queue summaries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            queues: {
                                /** @enum {string} */
                                category: "threat" | "rude" | "complaint" | "routine";
                                /** @enum {string} */
                                status: "open" | "pending" | "resolved" | "closed" | "spam" | "quarantined";
                                count: number;
                                unassigned: number;
                                /** @description Tickets whose next deadline is within the hour */
                                atRisk: number;
                                breached: number;
                                nextDueAt?: string;
                            }[];
                        };
                    };
                };
                /** @description Missing, expired or forged token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/sla": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SLA attainment per queue: responses met and breached, answers at risk or overdue now (supervisors) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Attainment per queue */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            at: string;
                            queues: {
                                /** @enum {string} */
                                category: "threat" | "rude" | "complaint" | "routine";
                                tickets: number;
                                met: number;
                                breached: number;
                                /** @description Answers owed now that are past the SLA warning point and not yet due */
                                atRisk: number;
                                overdue: number;
                                attainment: number | null;
                            }[];
                        };
                    };
                };
                /** @description Missing, expired or forged token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The caller may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tickets most urgent first (SLA deadline, then priority), filtered, a page at a time */
        get: {
            parameters: {
                query?: {
                    category?: "threat" | "rude" | "complaint" | "routine";
                    status?: "open" | "pending" | "resolved" | "closed" | "spam" | "quarantined";
                    assignee?: string;
                    unassigned?: "true" | "false";
                    needsReview?: "true" | "false";
                    flagged?: "true" | "false";
                    limit?: number;
                    /** @description From the previous page; needs a category */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of tickets */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tickets: {
                                /** @enum {number} */
                                schemaVersion: 1;
                                ticketId: string;
                                /** @enum {string} */
                                status: "open" | "pending" | "resolved" | "closed" | "spam" | "quarantined";
                                /** @enum {string} */
                                category: "threat" | "rude" | "complaint" | "routine";
                                classification: {
                                    /** @enum {string} */
                                    category: "threat" | "rude" | "complaint" | "routine";
                                    confidence: number;
                                    /** @enum {string} */
                                    language: "en" | "zh-Hans" | "zh-Hant" | "other";
                                    needsReview: boolean;
                                    scores: {
                                        threat?: number;
                                        rude?: number;
                                        complaint?: number;
                                        routine?: number;
                                    };
                                    signals: {
                                        /** @enum {string} */
                                        category: "threat" | "rude" | "complaint" | "routine";
                                        rule: string;
                                        excerpt: string;
                                        span?: {
                                            start: number;
                                            end: number;
                                        };
                                        weight: number;
                                    }[];
                                    subtype?: string;
                                };
                                customer: {
                                    address: string;
                                    name?: string;
                                };
                                customerTimeZone?: string;
                                supportAddress: string;
                                subject: string;
                                /** @enum {string} */
                                locale: "en" | "zh-Hans" | "zh-Hant";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                slaReasons: string[];
                                autoReplySuppressed?: string;
                                /** @default [] */
                                participants: string[];
                                relatedTicketId?: string;
                                unverified?: boolean;
                                /** @default 0 */
                                reopenedCount: number;
                                customerFlags?: {
                                    rude?: boolean;
                                    threat?: boolean;
                                    vip?: boolean;
                                };
                                escalation?: {
                                    /** Format: date-time */
                                    at: string;
                                    by: string;
                                    reason: string;
                                };
                                assignee?: string;
                                resolutionSummary?: string;
                                sla?: {
                                    epoch: number;
                                    priority: number;
                                    priorityReasons: string[];
                                    response?: {
                                        /** @enum {string} */
                                        kind: "first" | "next";
                                        /** Format: date-time */
                                        startedAt: string;
                                        /** Format: date-time */
                                        warnAt: string;
                                        /** Format: date-time */
                                        dueAt: string;
                                        /** Format: date-time */
                                        warnedAt?: string;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    firstResponseAt?: string;
                                    responsesMet: number;
                                    responsesBreached: number;
                                    resolution: {
                                        /** @enum {string} */
                                        state: "running" | "paused" | "stopped";
                                        /** Format: date-time */
                                        dueAt?: string;
                                        remainingMinutes?: number;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    pendingSince?: string;
                                    /** Format: date-time */
                                    reminderSentAt?: string;
                                    /** Format: date-time */
                                    resolvedAt?: string;
                                    /** Format: date-time */
                                    followUpSentAt?: string;
                                };
                                version: number;
                            }[];
                            cursor?: string;
                        };
                    };
                };
                /** @description Malformed request: the message names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing, expired or forged token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take the most urgent unassigned open ticket (of one queue, or of all) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        category?: "threat" | "rude" | "complaint" | "routine";
                    };
                };
            };
            responses: {
                /** @description The claimed ticket, or null when nothing is waiting */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ticket: {
                                /** @enum {number} */
                                schemaVersion: 1;
                                ticketId: string;
                                /** @enum {string} */
                                status: "open" | "pending" | "resolved" | "closed" | "spam" | "quarantined";
                                /** @enum {string} */
                                category: "threat" | "rude" | "complaint" | "routine";
                                classification: {
                                    /** @enum {string} */
                                    category: "threat" | "rude" | "complaint" | "routine";
                                    confidence: number;
                                    /** @enum {string} */
                                    language: "en" | "zh-Hans" | "zh-Hant" | "other";
                                    needsReview: boolean;
                                    scores: {
                                        threat?: number;
                                        rude?: number;
                                        complaint?: number;
                                        routine?: number;
                                    };
                                    signals: {
                                        /** @enum {string} */
                                        category: "threat" | "rude" | "complaint" | "routine";
                                        rule: string;
                                        excerpt: string;
                                        span?: {
                                            start: number;
                                            end: number;
                                        };
                                        weight: number;
                                    }[];
                                    subtype?: string;
                                };
                                customer: {
                                    address: string;
                                    name?: string;
                                };
                                customerTimeZone?: string;
                                supportAddress: string;
                                subject: string;
                                /** @enum {string} */
                                locale: "en" | "zh-Hans" | "zh-Hant";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                slaReasons: string[];
                                autoReplySuppressed?: string;
                                /** @default [] */
                                participants: string[];
                                relatedTicketId?: string;
                                unverified?: boolean;
                                /** @default 0 */
                                reopenedCount: number;
                                customerFlags?: {
                                    rude?: boolean;
                                    threat?: boolean;
                                    vip?: boolean;
                                };
                                escalation?: {
                                    /** Format: date-time */
                                    at: string;
                                    by: string;
                                    reason: string;
                                };
                                assignee?: string;
                                resolutionSummary?: string;
                                sla?: {
                                    epoch: number;
                                    priority: number;
                                    priorityReasons: string[];
                                    response?: {
                                        /** @enum {string} */
                                        kind: "first" | "next";
                                        /** Format: date-time */
                                        startedAt: string;
                                        /** Format: date-time */
                                        warnAt: string;
                                        /** Format: date-time */
                                        dueAt: string;
                                        /** Format: date-time */
                                        warnedAt?: string;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    firstResponseAt?: string;
                                    responsesMet: number;
                                    responsesBreached: number;
                                    resolution: {
                                        /** @enum {string} */
                                        state: "running" | "paused" | "stopped";
                                        /** Format: date-time */
                                        dueAt?: string;
                                        remainingMinutes?: number;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    pendingSince?: string;
                                    /** Format: date-time */
                                    reminderSentAt?: string;
                                    /** Format: date-time */
                                    resolvedAt?: string;
                                    /** Format: date-time */
                                    followUpSentAt?: string;
                                };
                                version: number;
                            } | null;
                            conflicts: number;
                        };
                    };
                };
                /** @description Malformed request: the message names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing, expired or forged token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The whole ticket: state, classification, SLA clocks, the thread (messages and notes) and the audit trail */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The ticket */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ticket: {
                                /** @enum {number} */
                                schemaVersion: 1;
                                ticketId: string;
                                /** @enum {string} */
                                status: "open" | "pending" | "resolved" | "closed" | "spam" | "quarantined";
                                /** @enum {string} */
                                category: "threat" | "rude" | "complaint" | "routine";
                                classification: {
                                    /** @enum {string} */
                                    category: "threat" | "rude" | "complaint" | "routine";
                                    confidence: number;
                                    /** @enum {string} */
                                    language: "en" | "zh-Hans" | "zh-Hant" | "other";
                                    needsReview: boolean;
                                    scores: {
                                        threat?: number;
                                        rude?: number;
                                        complaint?: number;
                                        routine?: number;
                                    };
                                    signals: {
                                        /** @enum {string} */
                                        category: "threat" | "rude" | "complaint" | "routine";
                                        rule: string;
                                        excerpt: string;
                                        span?: {
                                            start: number;
                                            end: number;
                                        };
                                        weight: number;
                                    }[];
                                    subtype?: string;
                                };
                                customer: {
                                    address: string;
                                    name?: string;
                                };
                                customerTimeZone?: string;
                                supportAddress: string;
                                subject: string;
                                /** @enum {string} */
                                locale: "en" | "zh-Hans" | "zh-Hant";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                slaReasons: string[];
                                autoReplySuppressed?: string;
                                /** @default [] */
                                participants: string[];
                                relatedTicketId?: string;
                                unverified?: boolean;
                                /** @default 0 */
                                reopenedCount: number;
                                customerFlags?: {
                                    rude?: boolean;
                                    threat?: boolean;
                                    vip?: boolean;
                                };
                                escalation?: {
                                    /** Format: date-time */
                                    at: string;
                                    by: string;
                                    reason: string;
                                };
                                assignee?: string;
                                resolutionSummary?: string;
                                sla?: {
                                    epoch: number;
                                    priority: number;
                                    priorityReasons: string[];
                                    response?: {
                                        /** @enum {string} */
                                        kind: "first" | "next";
                                        /** Format: date-time */
                                        startedAt: string;
                                        /** Format: date-time */
                                        warnAt: string;
                                        /** Format: date-time */
                                        dueAt: string;
                                        /** Format: date-time */
                                        warnedAt?: string;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    firstResponseAt?: string;
                                    responsesMet: number;
                                    responsesBreached: number;
                                    resolution: {
                                        /** @enum {string} */
                                        state: "running" | "paused" | "stopped";
                                        /** Format: date-time */
                                        dueAt?: string;
                                        remainingMinutes?: number;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    pendingSince?: string;
                                    /** Format: date-time */
                                    reminderSentAt?: string;
                                    /** Format: date-time */
                                    resolvedAt?: string;
                                    /** Format: date-time */
                                    followUpSentAt?: string;
                                };
                                version: number;
                            };
                            thread: {
                                /** @enum {number} */
                                schemaVersion: 1;
                                ticketId: string;
                                /** @enum {string} */
                                direction: "inbound" | "outbound" | "note";
                                messageKey: string;
                                messageId?: string;
                                /** Format: date-time */
                                at: string;
                                from: {
                                    address: string;
                                    name?: string;
                                };
                                to: {
                                    address: string;
                                    name?: string;
                                }[];
                                subject: string;
                                text: string;
                                raw?: {
                                    bucket: string;
                                    key: string;
                                };
                                kind?: ("acknowledgement" | "apology" | "boundary" | "threat-received" | "still-on-it" | "pending-reminder" | "follow-up" | "resolution-summary" | "agent-reply") | string;
                                headerMessageId?: string;
                                automation?: string;
                                quoted?: string;
                                excerpt?: string;
                                references?: string[];
                                notes?: string[];
                                attachments?: {
                                    filename: string;
                                    contentType: string;
                                    size: number;
                                    key: string;
                                    inline: boolean;
                                    url?: string;
                                }[];
                            }[];
                            audit: {
                                ticketId: string;
                                /** Format: date-time */
                                at: string;
                                actor: string;
                                action: string;
                                from?: string;
                                to?: string;
                                detail?: string;
                            }[];
                            customer: {
                                address: string;
                                flags: {
                                    rude?: boolean;
                                    threat?: boolean;
                                    vip?: boolean;
                                };
                                suppressed?: string;
                                tickets: {
                                    ticketId: string;
                                    subject: string;
                                    /** @enum {string} */
                                    category: "threat" | "rude" | "complaint" | "routine";
                                    /** @enum {string} */
                                    status: "open" | "pending" | "resolved" | "closed" | "spam" | "quarantined";
                                    createdAt: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Missing, expired or forged token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such ticket */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{id}/drafts/{template}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A template rendered for this ticket in the customer's language, to edit before sending */
        get: {
            parameters: {
                query?: {
                    locale?: string;
                };
                header?: never;
                path: {
                    id: string;
                    template: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The draft */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            template: string;
                            /** @enum {string} */
                            locale: "en" | "zh-Hans" | "zh-Hant";
                            text: string;
                        };
                    };
                };
                /** @description Malformed request: the message names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing, expired or forged token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such ticket */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{id}/replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer the customer (threaded under their latest message); the response clock stops */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                        /** @description The ticket version the action is based on; a stale one gets 409 with the current version. */
                        expectedVersion: number;
                        /** @default false */
                        waitForCustomer?: boolean;
                    };
                };
            };
            responses: {
                /** @description Saved; the mail is queued */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ticket: {
                                /** @enum {number} */
                                schemaVersion: 1;
                                ticketId: string;
                                /** @enum {string} */
                                status: "open" | "pending" | "resolved" | "closed" | "spam" | "quarantined";
                                /** @enum {string} */
                                category: "threat" | "rude" | "complaint" | "routine";
                                classification: {
                                    /** @enum {string} */
                                    category: "threat" | "rude" | "complaint" | "routine";
                                    confidence: number;
                                    /** @enum {string} */
                                    language: "en" | "zh-Hans" | "zh-Hant" | "other";
                                    needsReview: boolean;
                                    scores: {
                                        threat?: number;
                                        rude?: number;
                                        complaint?: number;
                                        routine?: number;
                                    };
                                    signals: {
                                        /** @enum {string} */
                                        category: "threat" | "rude" | "complaint" | "routine";
                                        rule: string;
                                        excerpt: string;
                                        span?: {
                                            start: number;
                                            end: number;
                                        };
                                        weight: number;
                                    }[];
                                    subtype?: string;
                                };
                                customer: {
                                    address: string;
                                    name?: string;
                                };
                                customerTimeZone?: string;
                                supportAddress: string;
                                subject: string;
                                /** @enum {string} */
                                locale: "en" | "zh-Hans" | "zh-Hant";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                slaReasons: string[];
                                autoReplySuppressed?: string;
                                /** @default [] */
                                participants: string[];
                                relatedTicketId?: string;
                                unverified?: boolean;
                                /** @default 0 */
                                reopenedCount: number;
                                customerFlags?: {
                                    rude?: boolean;
                                    threat?: boolean;
                                    vip?: boolean;
                                };
                                escalation?: {
                                    /** Format: date-time */
                                    at: string;
                                    by: string;
                                    reason: string;
                                };
                                assignee?: string;
                                resolutionSummary?: string;
                                sla?: {
                                    epoch: number;
                                    priority: number;
                                    priorityReasons: string[];
                                    response?: {
                                        /** @enum {string} */
                                        kind: "first" | "next";
                                        /** Format: date-time */
                                        startedAt: string;
                                        /** Format: date-time */
                                        warnAt: string;
                                        /** Format: date-time */
                                        dueAt: string;
                                        /** Format: date-time */
                                        warnedAt?: string;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    firstResponseAt?: string;
                                    responsesMet: number;
                                    responsesBreached: number;
                                    resolution: {
                                        /** @enum {string} */
                                        state: "running" | "paused" | "stopped";
                                        /** Format: date-time */
                                        dueAt?: string;
                                        remainingMinutes?: number;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    pendingSince?: string;
                                    /** Format: date-time */
                                    reminderSentAt?: string;
                                    /** Format: date-time */
                                    resolvedAt?: string;
                                    /** Format: date-time */
                                    followUpSentAt?: string;
                                };
                                version: number;
                            };
                        };
                    };
                };
                /** @description Malformed request: the message names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing, expired or forged token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The caller may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such ticket */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The ticket changed meanwhile, or the action does not fit its status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Over 50000 characters */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An internal note for colleagues (never sent) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                        /** @description The ticket version the action is based on; a stale one gets 409 with the current version. */
                        expectedVersion: number;
                    };
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ticket: {
                                /** @enum {number} */
                                schemaVersion: 1;
                                ticketId: string;
                                /** @enum {string} */
                                status: "open" | "pending" | "resolved" | "closed" | "spam" | "quarantined";
                                /** @enum {string} */
                                category: "threat" | "rude" | "complaint" | "routine";
                                classification: {
                                    /** @enum {string} */
                                    category: "threat" | "rude" | "complaint" | "routine";
                                    confidence: number;
                                    /** @enum {string} */
                                    language: "en" | "zh-Hans" | "zh-Hant" | "other";
                                    needsReview: boolean;
                                    scores: {
                                        threat?: number;
                                        rude?: number;
                                        complaint?: number;
                                        routine?: number;
                                    };
                                    signals: {
                                        /** @enum {string} */
                                        category: "threat" | "rude" | "complaint" | "routine";
                                        rule: string;
                                        excerpt: string;
                                        span?: {
                                            start: number;
                                            end: number;
                                        };
                                        weight: number;
                                    }[];
                                    subtype?: string;
                                };
                                customer: {
                                    address: string;
                                    name?: string;
                                };
                                customerTimeZone?: string;
                                supportAddress: string;
                                subject: string;
                                /** @enum {string} */
                                locale: "en" | "zh-Hans" | "zh-Hant";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                slaReasons: string[];
                                autoReplySuppressed?: string;
                                /** @default [] */
                                participants: string[];
                                relatedTicketId?: string;
                                unverified?: boolean;
                                /** @default 0 */
                                reopenedCount: number;
                                customerFlags?: {
                                    rude?: boolean;
                                    threat?: boolean;
                                    vip?: boolean;
                                };
                                escalation?: {
                                    /** Format: date-time */
                                    at: string;
                                    by: string;
                                    reason: string;
                                };
                                assignee?: string;
                                resolutionSummary?: string;
                                sla?: {
                                    epoch: number;
                                    priority: number;
                                    priorityReasons: string[];
                                    response?: {
                                        /** @enum {string} */
                                        kind: "first" | "next";
                                        /** Format: date-time */
                                        startedAt: string;
                                        /** Format: date-time */
                                        warnAt: string;
                                        /** Format: date-time */
                                        dueAt: string;
                                        /** Format: date-time */
                                        warnedAt?: string;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    firstResponseAt?: string;
                                    responsesMet: number;
                                    responsesBreached: number;
                                    resolution: {
                                        /** @enum {string} */
                                        state: "running" | "paused" | "stopped";
                                        /** Format: date-time */
                                        dueAt?: string;
                                        remainingMinutes?: number;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    pendingSince?: string;
                                    /** Format: date-time */
                                    reminderSentAt?: string;
                                    /** Format: date-time */
                                    resolvedAt?: string;
                                    /** Format: date-time */
                                    followUpSentAt?: string;
                                };
                                version: number;
                            };
                        };
                    };
                };
                /** @description Malformed request: the message names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing, expired or forged token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The caller may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such ticket */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The ticket changed meanwhile, or the action does not fit its status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pending (waiting on the customer), resolved (with an optional summary sent to them), reopened or closed */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "pending" | "resolved" | "open" | "closed";
                        summary?: string;
                        /** @description The ticket version the action is based on; a stale one gets 409 with the current version. */
                        expectedVersion: number;
                    };
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ticket: {
                                /** @enum {number} */
                                schemaVersion: 1;
                                ticketId: string;
                                /** @enum {string} */
                                status: "open" | "pending" | "resolved" | "closed" | "spam" | "quarantined";
                                /** @enum {string} */
                                category: "threat" | "rude" | "complaint" | "routine";
                                classification: {
                                    /** @enum {string} */
                                    category: "threat" | "rude" | "complaint" | "routine";
                                    confidence: number;
                                    /** @enum {string} */
                                    language: "en" | "zh-Hans" | "zh-Hant" | "other";
                                    needsReview: boolean;
                                    scores: {
                                        threat?: number;
                                        rude?: number;
                                        complaint?: number;
                                        routine?: number;
                                    };
                                    signals: {
                                        /** @enum {string} */
                                        category: "threat" | "rude" | "complaint" | "routine";
                                        rule: string;
                                        excerpt: string;
                                        span?: {
                                            start: number;
                                            end: number;
                                        };
                                        weight: number;
                                    }[];
                                    subtype?: string;
                                };
                                customer: {
                                    address: string;
                                    name?: string;
                                };
                                customerTimeZone?: string;
                                supportAddress: string;
                                subject: string;
                                /** @enum {string} */
                                locale: "en" | "zh-Hans" | "zh-Hant";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                slaReasons: string[];
                                autoReplySuppressed?: string;
                                /** @default [] */
                                participants: string[];
                                relatedTicketId?: string;
                                unverified?: boolean;
                                /** @default 0 */
                                reopenedCount: number;
                                customerFlags?: {
                                    rude?: boolean;
                                    threat?: boolean;
                                    vip?: boolean;
                                };
                                escalation?: {
                                    /** Format: date-time */
                                    at: string;
                                    by: string;
                                    reason: string;
                                };
                                assignee?: string;
                                resolutionSummary?: string;
                                sla?: {
                                    epoch: number;
                                    priority: number;
                                    priorityReasons: string[];
                                    response?: {
                                        /** @enum {string} */
                                        kind: "first" | "next";
                                        /** Format: date-time */
                                        startedAt: string;
                                        /** Format: date-time */
                                        warnAt: string;
                                        /** Format: date-time */
                                        dueAt: string;
                                        /** Format: date-time */
                                        warnedAt?: string;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    firstResponseAt?: string;
                                    responsesMet: number;
                                    responsesBreached: number;
                                    resolution: {
                                        /** @enum {string} */
                                        state: "running" | "paused" | "stopped";
                                        /** Format: date-time */
                                        dueAt?: string;
                                        remainingMinutes?: number;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    pendingSince?: string;
                                    /** Format: date-time */
                                    reminderSentAt?: string;
                                    /** Format: date-time */
                                    resolvedAt?: string;
                                    /** Format: date-time */
                                    followUpSentAt?: string;
                                };
                                version: number;
                            };
                        };
                    };
                };
                /** @description Malformed request: the message names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing, expired or forged token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The caller may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such ticket */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The ticket changed meanwhile, or the action does not fit its status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{id}/category": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the ticket to the right queue, under that queue's SLA policy; the reason is kept */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        category: "threat" | "rude" | "complaint" | "routine";
                        reason: string;
                        /** @description The ticket version the action is based on; a stale one gets 409 with the current version. */
                        expectedVersion: number;
                    };
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ticket: {
                                /** @enum {number} */
                                schemaVersion: 1;
                                ticketId: string;
                                /** @enum {string} */
                                status: "open" | "pending" | "resolved" | "closed" | "spam" | "quarantined";
                                /** @enum {string} */
                                category: "threat" | "rude" | "complaint" | "routine";
                                classification: {
                                    /** @enum {string} */
                                    category: "threat" | "rude" | "complaint" | "routine";
                                    confidence: number;
                                    /** @enum {string} */
                                    language: "en" | "zh-Hans" | "zh-Hant" | "other";
                                    needsReview: boolean;
                                    scores: {
                                        threat?: number;
                                        rude?: number;
                                        complaint?: number;
                                        routine?: number;
                                    };
                                    signals: {
                                        /** @enum {string} */
                                        category: "threat" | "rude" | "complaint" | "routine";
                                        rule: string;
                                        excerpt: string;
                                        span?: {
                                            start: number;
                                            end: number;
                                        };
                                        weight: number;
                                    }[];
                                    subtype?: string;
                                };
                                customer: {
                                    address: string;
                                    name?: string;
                                };
                                customerTimeZone?: string;
                                supportAddress: string;
                                subject: string;
                                /** @enum {string} */
                                locale: "en" | "zh-Hans" | "zh-Hant";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                slaReasons: string[];
                                autoReplySuppressed?: string;
                                /** @default [] */
                                participants: string[];
                                relatedTicketId?: string;
                                unverified?: boolean;
                                /** @default 0 */
                                reopenedCount: number;
                                customerFlags?: {
                                    rude?: boolean;
                                    threat?: boolean;
                                    vip?: boolean;
                                };
                                escalation?: {
                                    /** Format: date-time */
                                    at: string;
                                    by: string;
                                    reason: string;
                                };
                                assignee?: string;
                                resolutionSummary?: string;
                                sla?: {
                                    epoch: number;
                                    priority: number;
                                    priorityReasons: string[];
                                    response?: {
                                        /** @enum {string} */
                                        kind: "first" | "next";
                                        /** Format: date-time */
                                        startedAt: string;
                                        /** Format: date-time */
                                        warnAt: string;
                                        /** Format: date-time */
                                        dueAt: string;
                                        /** Format: date-time */
                                        warnedAt?: string;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    firstResponseAt?: string;
                                    responsesMet: number;
                                    responsesBreached: number;
                                    resolution: {
                                        /** @enum {string} */
                                        state: "running" | "paused" | "stopped";
                                        /** Format: date-time */
                                        dueAt?: string;
                                        remainingMinutes?: number;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    pendingSince?: string;
                                    /** Format: date-time */
                                    reminderSentAt?: string;
                                    /** Format: date-time */
                                    resolvedAt?: string;
                                    /** Format: date-time */
                                    followUpSentAt?: string;
                                };
                                version: number;
                            };
                        };
                    };
                };
                /** @description Malformed request: the message names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing, expired or forged token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The caller may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such ticket */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The ticket changed meanwhile, or the action does not fit its status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{id}/customer-flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Flag or unflag the ticket's customer (rude, threat, VIP): every agent sees it on their tickets */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        flags: {
                            rude?: boolean;
                            threat?: boolean;
                            vip?: boolean;
                        };
                        /** @description The ticket version the action is based on; a stale one gets 409 with the current version. */
                        expectedVersion: number;
                    };
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ticket: {
                                /** @enum {number} */
                                schemaVersion: 1;
                                ticketId: string;
                                /** @enum {string} */
                                status: "open" | "pending" | "resolved" | "closed" | "spam" | "quarantined";
                                /** @enum {string} */
                                category: "threat" | "rude" | "complaint" | "routine";
                                classification: {
                                    /** @enum {string} */
                                    category: "threat" | "rude" | "complaint" | "routine";
                                    confidence: number;
                                    /** @enum {string} */
                                    language: "en" | "zh-Hans" | "zh-Hant" | "other";
                                    needsReview: boolean;
                                    scores: {
                                        threat?: number;
                                        rude?: number;
                                        complaint?: number;
                                        routine?: number;
                                    };
                                    signals: {
                                        /** @enum {string} */
                                        category: "threat" | "rude" | "complaint" | "routine";
                                        rule: string;
                                        excerpt: string;
                                        span?: {
                                            start: number;
                                            end: number;
                                        };
                                        weight: number;
                                    }[];
                                    subtype?: string;
                                };
                                customer: {
                                    address: string;
                                    name?: string;
                                };
                                customerTimeZone?: string;
                                supportAddress: string;
                                subject: string;
                                /** @enum {string} */
                                locale: "en" | "zh-Hans" | "zh-Hant";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                slaReasons: string[];
                                autoReplySuppressed?: string;
                                /** @default [] */
                                participants: string[];
                                relatedTicketId?: string;
                                unverified?: boolean;
                                /** @default 0 */
                                reopenedCount: number;
                                customerFlags?: {
                                    rude?: boolean;
                                    threat?: boolean;
                                    vip?: boolean;
                                };
                                escalation?: {
                                    /** Format: date-time */
                                    at: string;
                                    by: string;
                                    reason: string;
                                };
                                assignee?: string;
                                resolutionSummary?: string;
                                sla?: {
                                    epoch: number;
                                    priority: number;
                                    priorityReasons: string[];
                                    response?: {
                                        /** @enum {string} */
                                        kind: "first" | "next";
                                        /** Format: date-time */
                                        startedAt: string;
                                        /** Format: date-time */
                                        warnAt: string;
                                        /** Format: date-time */
                                        dueAt: string;
                                        /** Format: date-time */
                                        warnedAt?: string;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    firstResponseAt?: string;
                                    responsesMet: number;
                                    responsesBreached: number;
                                    resolution: {
                                        /** @enum {string} */
                                        state: "running" | "paused" | "stopped";
                                        /** Format: date-time */
                                        dueAt?: string;
                                        remainingMinutes?: number;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    pendingSince?: string;
                                    /** Format: date-time */
                                    reminderSentAt?: string;
                                    /** Format: date-time */
                                    resolvedAt?: string;
                                    /** Format: date-time */
                                    followUpSentAt?: string;
                                };
                                version: number;
                            };
                        };
                    };
                };
                /** @description Malformed request: the message names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing, expired or forged token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The caller may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such ticket */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The ticket changed meanwhile, or the action does not fit its status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{id}/escalation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask a supervisor to take over; the ticket moves up the queue */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                        /** @description The ticket version the action is based on; a stale one gets 409 with the current version. */
                        expectedVersion: number;
                    };
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ticket: {
                                /** @enum {number} */
                                schemaVersion: 1;
                                ticketId: string;
                                /** @enum {string} */
                                status: "open" | "pending" | "resolved" | "closed" | "spam" | "quarantined";
                                /** @enum {string} */
                                category: "threat" | "rude" | "complaint" | "routine";
                                classification: {
                                    /** @enum {string} */
                                    category: "threat" | "rude" | "complaint" | "routine";
                                    confidence: number;
                                    /** @enum {string} */
                                    language: "en" | "zh-Hans" | "zh-Hant" | "other";
                                    needsReview: boolean;
                                    scores: {
                                        threat?: number;
                                        rude?: number;
                                        complaint?: number;
                                        routine?: number;
                                    };
                                    signals: {
                                        /** @enum {string} */
                                        category: "threat" | "rude" | "complaint" | "routine";
                                        rule: string;
                                        excerpt: string;
                                        span?: {
                                            start: number;
                                            end: number;
                                        };
                                        weight: number;
                                    }[];
                                    subtype?: string;
                                };
                                customer: {
                                    address: string;
                                    name?: string;
                                };
                                customerTimeZone?: string;
                                supportAddress: string;
                                subject: string;
                                /** @enum {string} */
                                locale: "en" | "zh-Hans" | "zh-Hant";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                slaReasons: string[];
                                autoReplySuppressed?: string;
                                /** @default [] */
                                participants: string[];
                                relatedTicketId?: string;
                                unverified?: boolean;
                                /** @default 0 */
                                reopenedCount: number;
                                customerFlags?: {
                                    rude?: boolean;
                                    threat?: boolean;
                                    vip?: boolean;
                                };
                                escalation?: {
                                    /** Format: date-time */
                                    at: string;
                                    by: string;
                                    reason: string;
                                };
                                assignee?: string;
                                resolutionSummary?: string;
                                sla?: {
                                    epoch: number;
                                    priority: number;
                                    priorityReasons: string[];
                                    response?: {
                                        /** @enum {string} */
                                        kind: "first" | "next";
                                        /** Format: date-time */
                                        startedAt: string;
                                        /** Format: date-time */
                                        warnAt: string;
                                        /** Format: date-time */
                                        dueAt: string;
                                        /** Format: date-time */
                                        warnedAt?: string;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    firstResponseAt?: string;
                                    responsesMet: number;
                                    responsesBreached: number;
                                    resolution: {
                                        /** @enum {string} */
                                        state: "running" | "paused" | "stopped";
                                        /** Format: date-time */
                                        dueAt?: string;
                                        remainingMinutes?: number;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    pendingSince?: string;
                                    /** Format: date-time */
                                    reminderSentAt?: string;
                                    /** Format: date-time */
                                    resolvedAt?: string;
                                    /** Format: date-time */
                                    followUpSentAt?: string;
                                };
                                version: number;
                            };
                        };
                    };
                };
                /** @description Malformed request: the message names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing, expired or forged token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The caller may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such ticket */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The ticket changed meanwhile, or the action does not fit its status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{address}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer: flags, whether automatic mail to them is suppressed, and their tickets */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    address: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The customer */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string;
                            flags: {
                                rude?: boolean;
                                threat?: boolean;
                                vip?: boolean;
                            };
                            suppressed?: string;
                            tickets: {
                                ticketId: string;
                                subject: string;
                                /** @enum {string} */
                                category: "threat" | "rude" | "complaint" | "routine";
                                /** @enum {string} */
                                status: "open" | "pending" | "resolved" | "closed" | "spam" | "quarantined";
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description Malformed request: the message names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing, expired or forged token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tickets by number (T-10001) or by customer address, without scanning the table */
        get: {
            parameters: {
                query: {
                    q: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Matches, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tickets: {
                                /** @enum {number} */
                                schemaVersion: 1;
                                ticketId: string;
                                /** @enum {string} */
                                status: "open" | "pending" | "resolved" | "closed" | "spam" | "quarantined";
                                /** @enum {string} */
                                category: "threat" | "rude" | "complaint" | "routine";
                                classification: {
                                    /** @enum {string} */
                                    category: "threat" | "rude" | "complaint" | "routine";
                                    confidence: number;
                                    /** @enum {string} */
                                    language: "en" | "zh-Hans" | "zh-Hant" | "other";
                                    needsReview: boolean;
                                    scores: {
                                        threat?: number;
                                        rude?: number;
                                        complaint?: number;
                                        routine?: number;
                                    };
                                    signals: {
                                        /** @enum {string} */
                                        category: "threat" | "rude" | "complaint" | "routine";
                                        rule: string;
                                        excerpt: string;
                                        span?: {
                                            start: number;
                                            end: number;
                                        };
                                        weight: number;
                                    }[];
                                    subtype?: string;
                                };
                                customer: {
                                    address: string;
                                    name?: string;
                                };
                                customerTimeZone?: string;
                                supportAddress: string;
                                subject: string;
                                /** @enum {string} */
                                locale: "en" | "zh-Hans" | "zh-Hant";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                slaReasons: string[];
                                autoReplySuppressed?: string;
                                /** @default [] */
                                participants: string[];
                                relatedTicketId?: string;
                                unverified?: boolean;
                                /** @default 0 */
                                reopenedCount: number;
                                customerFlags?: {
                                    rude?: boolean;
                                    threat?: boolean;
                                    vip?: boolean;
                                };
                                escalation?: {
                                    /** Format: date-time */
                                    at: string;
                                    by: string;
                                    reason: string;
                                };
                                assignee?: string;
                                resolutionSummary?: string;
                                sla?: {
                                    epoch: number;
                                    priority: number;
                                    priorityReasons: string[];
                                    response?: {
                                        /** @enum {string} */
                                        kind: "first" | "next";
                                        /** Format: date-time */
                                        startedAt: string;
                                        /** Format: date-time */
                                        warnAt: string;
                                        /** Format: date-time */
                                        dueAt: string;
                                        /** Format: date-time */
                                        warnedAt?: string;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    firstResponseAt?: string;
                                    responsesMet: number;
                                    responsesBreached: number;
                                    resolution: {
                                        /** @enum {string} */
                                        state: "running" | "paused" | "stopped";
                                        /** Format: date-time */
                                        dueAt?: string;
                                        remainingMinutes?: number;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    pendingSince?: string;
                                    /** Format: date-time */
                                    reminderSentAt?: string;
                                    /** Format: date-time */
                                    resolvedAt?: string;
                                    /** Format: date-time */
                                    followUpSentAt?: string;
                                };
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description Malformed request: the message names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing, expired or forged token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{id}/assignee": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reassign (supervisors) or release (the holder) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        assignee: string | null;
                        /** @description The ticket version the action is based on; a stale one gets 409 with the current version. */
                        expectedVersion: number;
                    };
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ticket: {
                                /** @enum {number} */
                                schemaVersion: 1;
                                ticketId: string;
                                /** @enum {string} */
                                status: "open" | "pending" | "resolved" | "closed" | "spam" | "quarantined";
                                /** @enum {string} */
                                category: "threat" | "rude" | "complaint" | "routine";
                                classification: {
                                    /** @enum {string} */
                                    category: "threat" | "rude" | "complaint" | "routine";
                                    confidence: number;
                                    /** @enum {string} */
                                    language: "en" | "zh-Hans" | "zh-Hant" | "other";
                                    needsReview: boolean;
                                    scores: {
                                        threat?: number;
                                        rude?: number;
                                        complaint?: number;
                                        routine?: number;
                                    };
                                    signals: {
                                        /** @enum {string} */
                                        category: "threat" | "rude" | "complaint" | "routine";
                                        rule: string;
                                        excerpt: string;
                                        span?: {
                                            start: number;
                                            end: number;
                                        };
                                        weight: number;
                                    }[];
                                    subtype?: string;
                                };
                                customer: {
                                    address: string;
                                    name?: string;
                                };
                                customerTimeZone?: string;
                                supportAddress: string;
                                subject: string;
                                /** @enum {string} */
                                locale: "en" | "zh-Hans" | "zh-Hant";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                slaReasons: string[];
                                autoReplySuppressed?: string;
                                /** @default [] */
                                participants: string[];
                                relatedTicketId?: string;
                                unverified?: boolean;
                                /** @default 0 */
                                reopenedCount: number;
                                customerFlags?: {
                                    rude?: boolean;
                                    threat?: boolean;
                                    vip?: boolean;
                                };
                                escalation?: {
                                    /** Format: date-time */
                                    at: string;
                                    by: string;
                                    reason: string;
                                };
                                assignee?: string;
                                resolutionSummary?: string;
                                sla?: {
                                    epoch: number;
                                    priority: number;
                                    priorityReasons: string[];
                                    response?: {
                                        /** @enum {string} */
                                        kind: "first" | "next";
                                        /** Format: date-time */
                                        startedAt: string;
                                        /** Format: date-time */
                                        warnAt: string;
                                        /** Format: date-time */
                                        dueAt: string;
                                        /** Format: date-time */
                                        warnedAt?: string;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    firstResponseAt?: string;
                                    responsesMet: number;
                                    responsesBreached: number;
                                    resolution: {
                                        /** @enum {string} */
                                        state: "running" | "paused" | "stopped";
                                        /** Format: date-time */
                                        dueAt?: string;
                                        remainingMinutes?: number;
                                        /** Format: date-time */
                                        breachedAt?: string;
                                    };
                                    /** Format: date-time */
                                    pendingSince?: string;
                                    /** Format: date-time */
                                    reminderSentAt?: string;
                                    /** Format: date-time */
                                    resolvedAt?: string;
                                    /** Format: date-time */
                                    followUpSentAt?: string;
                                };
                                version: number;
                            };
                        };
                    };
                };
                /** @description Malformed request: the message names the field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing, expired or forged token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The caller may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such ticket */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The ticket changed meanwhile, or the action does not fit its status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            error: string;
            message: string;
            currentVersion?: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
