/** The platform search over public user schedules. */
package com.ceki.search;
